package dev.poet.core.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.core.config.MethodSettings;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.Template;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.train.learned.LearnedOverlay;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/** One method on its way to activation: what it is, where its enhancement comes from, and how far it got. */
final class Candidate {
    final MethodRegistry.Registered registered;
    final Method method;
    final String[] parameterNames;
    final Template template;
    final Map<String, Object> params;
    final MethodKey key;
    final String bodyHash;
    /** The identity of a template version of this method. */
    final String templateFingerprint;
    /** The identity of the version being produced or reused: the template's, or the source generator's. */
    String fingerprint;
    /** Who produced the source, for metadata: generator, provider, model, ... */
    Map<String, String> provenance = Map.of("generator", "template");
    MethodModel model;
    /** Why this version is what it is when that is not obvious (a generator fell back); may be null. */
    String note;
    /** What the class file says about the method (names, body hash, constraints); may be null. */
    GenerationFacts.MethodFacts facts;
    /** Per parameter, what the domain's name-based rules match ({@link ParameterRoles}); may be null. */
    String[] roles;
    String enhancementClass;
    /** The candidate's classes as compiled or stored (audited form, before the loop budget). */
    Map<String, byte[]> classes;
    String source;
    /** What verification ran on, for metadata; null before verification. */
    VersionMetadata.Samples samples;
    /**
     * Set by the gate when verification had no sample of the method's arguments: the version may only be activated
     * once it passed on recorded calls.
     */
    boolean awaitsSamples;
    /** Keys set by the annotation or configuration (template defaults are not explicit): never learned. */
    java.util.Set<String> explicitKeys = java.util.Set.of();
    /**
     * Values Train learned for this method's objective ({@code learned.json}), laid over {@link #params} in the
     * context; never part of the identity. Empty without optimize-for.
     */
    Map<String, Object> learned = Map.of();
    /** The bounds learned values are clamped into. */
    ParamBounds bounds = ParamBounds.defaults();
    /** Set when the classes come from a stored version. */
    StoredVersion reused;
    final Map<String, Long> timings = new LinkedHashMap<>();
    /** {@code poet.record.inputs}: whether a method with {@code optimize-for} has its inputs copied. */
    boolean recordInputs = true;
    /** Id of the {@code version.rejected} event of this candidate, the cause of a {@code generation.failed}; may be null. */
    String rejectionEvent;
    /** Why Train regenerates this method, for a source generator's prompt; null for a first generation. */
    String evidence;
    /** The source a regenerating source generator improves on (the running version's); null: the template's. */
    String example;
    /** Set on a template version stored as quarantined because it was quarantined while the LLM's outcome was awaited. */
    boolean storedQuarantined;

    Candidate(MethodRegistry.Registered registered, Method method, String[] parameterNames, Template template,
              Map<String, Object> params, MethodKey key, String bodyHash, String fingerprint) {
        this.registered = registered;
        this.method = method;
        this.parameterNames = parameterNames;
        this.template = template;
        this.params = params;
        this.key = key;
        this.bodyHash = bodyHash;
        this.templateFingerprint = fingerprint;
        this.fingerprint = fingerprint;
    }

    /** The context its enhancement is constructed with. */
    MethodContext context(PhaseEventSink events, MethodStats stats) {
        return new MethodContext(registered.id(), key.value(), method.getDeclaringClass().getName(),
                method.getName(), registered.spec().descriptor(), method.getParameterTypes(), parameterNames,
                method.getReturnType(), method.getExceptionTypes(), Modifier.isStatic(method.getModifiers()),
                Modifier.isSynchronized(method.getModifiers()), template.domain(), new ParamsRef(Params.of(effectiveParams())),
                events, stats, recording());
    }

    /** The configured parameters with the learned values on top (except explicit keys), as the method runs them. */
    Map<String, Object> effectiveParams() {
        return learned.isEmpty() ? params : LearnedOverlay.apply(params, learned, explicitKeys, bounds);
    }

    /** From the merged settings: {@code optimize-for} (configuration, else annotation) and the inputs switch. */
    RecordingPolicy recording() {
        Object objective = params.get(MethodSettings.OPTIMIZE_FOR);
        return RecordingPolicy.of(objective == null ? null : objective.toString(), recordInputs);
    }

    String displayName() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
