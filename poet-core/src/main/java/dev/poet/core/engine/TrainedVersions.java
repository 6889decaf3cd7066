package dev.poet.core.engine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.regen.ReplayTarget;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * Versions Train asks for after activation, for methods with {@code optimize-for}: a regenerated candidate
 * (rendered again with new parameters, or from the source generator given the evidence) through the same
 * {@link ActivationGate} as any version, stored as {@code candidate}; a stored version instantiated again for a
 * rollback; fresh replay instances of both. Never writes a slot: the engine puts what this returns in place.
 * Runs on Train's thread, with its own renderer and compiler.
 */
final class TrainedVersions {

    /** Where an activated method came from, to prepare it again. */
    record Origin(Candidate candidate) {
        Class<?> type() {
            return candidate.method.getDeclaringClass();
        }

        MethodRegistry.Registered registered() {
            return candidate.registered;
        }
    }

    /** A candidate through the gate, not in any slot. */
    record Prepared(String version, ActiveMethod method, Candidate candidate, ReplayTarget replay) {
    }

    private final CandidatePreparation preparation;
    private final TemplateUnits units;
    private final SourceGeneration sources;
    private final ActivationGate gate;
    private final VersionRecorder versions;
    private final VersionStore store;
    private final Map<Integer, Origin> origins = new ConcurrentHashMap<>();
    /** Stored candidates not yet promoted or discarded, by method key and version. */
    private final Map<String, Prepared> candidates = new ConcurrentHashMap<>();

    TrainedVersions(CandidatePreparation preparation, TemplateUnits units, SourceGeneration sources,
                    ActivationGate gate, VersionRecorder versions, VersionStore store) {
        this.preparation = preparation;
        this.units = units;
        this.sources = sources;
        this.gate = gate;
        this.versions = versions;
        this.store = store;
    }

    void activated(ActiveMethod method, Candidate c) {
        origins.put(method.context().id(), new Origin(c));
    }

    /** The method with slot {@code id} was prepared from {@code c} (activated or not): it can be prepared again. */
    void prepared(int id, Candidate c) {
        origins.putIfAbsent(id, new Origin(c));
    }

    /** Whether the method with slot {@code id} was prepared in this JVM. */
    boolean knows(int id) {
        return origins.containsKey(id);
    }

    /**
     * A new version of {@code current}: its candidate prepared again, {@code params} laid over the configured
     * parameters (explicit keys kept), rendered by its template or, with a source generator, generated from the
     * evidence and the running version's source; audited, verified and stored as {@code candidate}.
     */
    Optional<Prepared> regenerate(ActiveMethod current, Map<String, Object> params, String evidence,
                                  FailureReporter reporter) {
        Origin origin = origins.get(current.context().id());
        if (origin == null) {
            return Optional.empty();
        }
        try {
            GenerationFacts facts = GenerationFacts.read(origin.type().getClassLoader(), origin.type().getName());
            Candidate c = preparation.prepare(origin.type(), origin.registered(), facts);
            if (c == null) {
                return Optional.empty();
            }
            for (Map.Entry<String, Object> e : params.entrySet()) {
                if (!c.explicitKeys.contains(e.getKey())) {
                    c.params.put(e.getKey(), e.getValue());
                }
            }
            // Folded in: the learned values are now the candidate's own parameters.
            c.learned = Map.of();
            EnhancementLoader loader = new EnhancementLoader(origin.type().getName(),
                    SignatureTypes.of(origin.type(), List.of(c.method)));
            if (sources != null) {
                c.evidence = evidence;
                c.example = sourceOf(c, current.version());
                if (!sources.generate(origin.type(), c, facts)) {
                    return Optional.empty();
                }
            } else {
                units.generate(origin.type(), c.template, List.of(c), loader);
            }
            // Its own identity: a regenerated version is never taken for a first generation's on restart.
            c.fingerprint = Hashes.sha256(c.fingerprint + "|train|" + params + "|" + Hashes.sha256(c.source));
            gate.auditAndDefine(c, loader);
            ActiveMethod method = gate.instantiate(c, loader, current.context().stats(), reporter);
            if (c.awaitsSamples) {
                versions.rejected(c, "verification had no sample of its arguments");
                return Optional.empty();
            }
            String version = versions.record(c, VersionStatus.CANDIDATE, "regenerated by Train");
            method.storedAs(version);
            MethodContext context = muted(c, method.context());
            ReplayTarget replay = new ReplayTarget(version,
                    GeneratedClasses.construct(c.enhancementClass, loader, context), context);
            Prepared prepared = new Prepared(version, method, c, replay);
            candidates.put(current.context().key() + "/" + version, prepared);
            return Optional.of(prepared);
        } catch (ActivationFailure e) {
            PoetLog.warn(current.context().className() + "." + current.context().methodName()
                    + ": Train's regenerated version was rejected: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A fresh instance of the running version for replay, from its own class. */
    ReplayTarget replayOf(ActiveMethod current) throws ActivationFailure {
        Origin origin = origins.get(current.context().id());
        if (origin == null) {
            throw new ActivationFailure("the method's origin is unknown");
        }
        MethodContext context = muted(origin.candidate(), current.context());
        try {
            Enhancement fresh = (Enhancement) current.enhancement().getClass().getConstructor(MethodContext.class)
                    .newInstance(context);
            return new ReplayTarget(current.version(), fresh, context);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ActivationFailure("the running version cannot be instantiated for replay: " + e);
        }
    }

    /** The stored candidate {@code version}, taken out of the pending ones; null when not pending. */
    Prepared takeCandidate(String methodKey, String version) {
        return candidates.remove(methodKey + "/" + version);
    }

    /** The stored version {@code version} of the method of {@code current}, through the gate again. */
    Prepared stored(ActiveMethod current, String version, FailureReporter reporter)
            throws ActivationFailure, IOException {
        return stored(current.context().id(), current.context().stats(), version, reporter);
    }

    /**
     * The stored version {@code version} of the method with slot {@code id} (active or not, as long as it was
     * prepared once in this JVM), through the gate again, counting into {@code stats}.
     */
    Prepared stored(int id, MethodStats stats, String version, FailureReporter reporter)
            throws ActivationFailure, IOException {
        Origin origin = origins.get(id);
        if (origin == null) {
            throw new ActivationFailure("the method's origin is unknown");
        }
        GenerationFacts facts = GenerationFacts.read(origin.type().getClassLoader(), origin.type().getName());
        Candidate c = preparation.prepare(origin.type(), origin.registered(), facts);
        if (c == null) {
            throw new ActivationFailure("the method is disabled");
        }
        StoredVersion v = store.version(c.key, version)
                .orElseThrow(() -> new ActivationFailure("no stored version " + version));
        if (v.metadata().enhancementClass() == null) {
            throw new ActivationFailure(version + " has no enhancement class");
        }
        c.classes = v.classBytes().asMap();
        c.enhancementClass = v.metadata().enhancementClass();
        c.reused = v;
        c.params.putAll(store.readParams(c.key, version));
        EnhancementLoader loader = new EnhancementLoader(origin.type().getName(),
                SignatureTypes.of(origin.type(), List.of(c.method)));
        gate.auditAndDefine(c, loader);
        ActiveMethod method = gate.instantiate(c, loader, stats, reporter);
        method.storedAs(version);
        return new Prepared(version, method, c, null);
    }

    /** The candidate is now the method's version: it is prepared from it from now on. */
    void promoted(Prepared p) {
        origins.put(p.method().context().id(), new Origin(p.candidate()));
    }

    VersionStore store() {
        return store;
    }

    /** The stored source of {@code version}; null when not stored (the template's rendering is used then). */
    private String sourceOf(Candidate c, String version) {
        try {
            return store.version(c.key, version).map(v -> {
                try {
                    return v.source();
                } catch (IOException e) {
                    return null;
                }
            }).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The context of {@code c} with the parameters {@code live} runs, whose decisions go nowhere and counters are its own. */
    private static MethodContext muted(Candidate c, MethodContext live) {
        MethodContext context = c.context(PhaseEventSink.NONE, new MethodStats());
        context.paramsRef().set(live.params());
        return context;
    }

}
