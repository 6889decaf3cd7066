package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.ClassFileFacts;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * From a live class to active enhancements. For each selected method: reuse its stored version when the method,
 * its template and its configuration are unchanged; else ask the source generator (when one is configured), else
 * render its domain template (all methods of one template in one Janino unit). Then, for every method: audit,
 * inject the loop budget, define in the class's {@link EnhancementLoader}, instantiate, verify, and wire the exact
 * original. A method that fails any step is logged with its reason and keeps running its original body; the
 * others go on. Versions are stored after activation ({@link #persist}).
 *
 * <p>No version is activated unverified: when verification had no valid sample of a method's arguments (an
 * application type cannot be synthesised), the version waits ({@link #takeAwaitingSamples()}) while the original
 * runs, until {@value #DEFAULT_RECORDED_SAMPLES} calls (per-method setting {@code recorded-samples}, 1 to
 * {@value #MAX_RECORDED_SAMPLES}) were recorded; it is then verified on them and activated or rejected
 * ({@link #finishRecording}). With {@code record-samples=false} on a method (personal data) such a version is
 * never activated.
 */
public final class EnhancementPipeline implements ClassActivator {

    /** Recorded calls a version waits for when no sample of its arguments can be synthesised. */
    public static final int DEFAULT_RECORDED_SAMPLES = 3;
    /** The most recorded calls a method may ask for (the recorder keeps no more per method). */
    public static final int MAX_RECORDED_SAMPLES = 16;
    /** Calls handed over per recorded call wanted: a call whose arguments are too large to keep uses up a turn. */
    static final int CALLS_PER_SAMPLE = 4;
    /** Per-method setting: how many calls to record. */
    static final String RECORDED_SAMPLES = "recorded-samples";
    /** Per-method setting: {@code false} never records the method's calls. */
    static final String RECORD_SAMPLES = "record-samples";

    private final PhaseEventSink events;
    private final OriginalHandles originals;
    private final CandidatePreparation preparation;
    private final TemplateUnits units;
    private final SourceGeneration sources;
    private final VersionRecorder versions;
    private final BytecodeAuditor auditor = new BytecodeAuditor();
    private final LoopBudgetInjector loopBudget = new LoopBudgetInjector();
    private final VerificationGate verification = new VerificationGate();
    /** Activated but not yet stored; only the generator thread touches it. */
    private final Map<ActiveMethod, Candidate> toPersist = new IdentityHashMap<>();
    /** Versions waiting for recorded calls, by method id; read on callers' threads. */
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();
    /** Waiting since the last {@link #takeAwaitingSamples()}; only the generator thread touches it. */
    private final List<AwaitingSamples> newlyWaiting = new ArrayList<>();

    /** A version that passed everything but verification on real arguments. */
    private record Waiting(Candidate candidate, Enhancement enhancement, MethodContext context, MethodHandle original,
                           int samples) {
    }

    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store) {
        this(templates, originals, settings, events, store, null);
    }

    /**
     * @param sources a generator tried before the template (an LLM), or {@code null} for templates only
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store, SourceGenerator sources) {
        JaninoCompiler compiler = new JaninoCompiler();
        this.events = events;
        this.originals = originals;
        this.preparation = new CandidatePreparation(templates, settings);
        this.units = new TemplateUnits(new TemplateRenderer(), compiler);
        this.sources = sources == null ? null
                : new SourceGeneration(sources, units, compiler, auditor, loopBudget, verification);
        this.versions = new VersionRecorder(store);
    }

    @Override
    public List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods) {
        ClassFileFacts facts = ClassFileFacts.read(type.getClassLoader(), type.getName());
        List<Candidate> candidates = new ArrayList<>();
        List<Method> reflected = new ArrayList<>();
        for (MethodRegistry.Registered registered : methods) {
            try {
                Candidate candidate = preparation.prepare(type, registered, facts);
                candidates.add(candidate);
                reflected.add(candidate.method);
            } catch (ActivationFailure e) {
                fail(registered.spec().displayName(), e);
            }
        }
        EnhancementLoader loader = new EnhancementLoader(type.getName(), SignatureTypes.of(type, reflected));
        Map<Template, List<Candidate>> toRender = new LinkedHashMap<>();
        List<Candidate> ready = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (sources != null && (versions.reuse(candidate, sources.fingerprint(candidate))
                    || sources.generate(type, candidate, facts))) {
                ready.add(candidate);
            } else if (versions.reuse(candidate, candidate.templateFingerprint)) {
                ready.add(candidate);
            } else {
                toRender.computeIfAbsent(candidate.template, t -> new ArrayList<>()).add(candidate);
            }
        }
        for (Map.Entry<Template, List<Candidate>> group : toRender.entrySet()) {
            List<Candidate> unit = group.getValue();
            try {
                units.generate(type, group.getKey(), unit, loader);
                ready.addAll(unit);
            } catch (ActivationFailure e) {
                for (Candidate candidate : unit) {
                    fail(candidate.displayName(), e);
                }
            }
        }
        List<ActiveMethod> active = new ArrayList<>();
        for (Candidate candidate : ready) {
            try {
                auditAndDefine(candidate, loader);
                ActiveMethod method = instantiate(candidate, loader);
                if (method != null) {
                    active.add(method);
                }
            } catch (ActivationFailure e) {
                fail(candidate.displayName(), e);
            }
        }
        return active;
    }

    /**
     * The bytecode audit (again, for stored bytes: the rules may have changed since), then the loop budget, then
     * the classes become definable. A rejected fresh version is stored for inspection, never activated.
     */
    private void auditAndDefine(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        long start = System.nanoTime();
        AuditResult audit = auditor.audit(c.classes, AuditPolicy.forMethod(c.method));
        c.timings.put("audit", (System.nanoTime() - start) / 1_000_000);
        if (!audit.isPassed()) {
            versions.rejected(c, audit.describe());
            throw new ActivationFailure(audit.describe());
        }
        loader.addClasses(loopBudget.inject(c.classes));
    }

    /** The active method, or {@code null} when the version waits for recorded calls. */
    private ActiveMethod instantiate(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        Method method = c.method;
        MethodStats stats = new MethodStats();
        MethodContext context = c.context(VerificationGate.muted(new CountingSink(stats, events)), stats);
        Enhancement enhancement = GeneratedClasses.construct(c.enhancementClass, loader, context);
        VerificationResult verified = verification.verify(enhancement, context, method);
        c.samples = samplesOf(verified);
        if (!verified.isPassed()) {
            String reason = "verification rejected the generated code: " + verified.describe();
            versions.rejected(c, reason);
            throw new ActivationFailure(reason);
        }
        MethodHandle original;
        try {
            original = originals.originalOf(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ActivationFailure("no exact handle on the original: " + e, e);
        }
        if (verified.verifiedOnNothing(method.getParameterCount())) {
            awaitSamples(c, enhancement, context, original, verified);
            return null;
        }
        ActiveMethod active = new ActiveMethod(context, enhancement, original,
                c.reused != null ? c.reused.name() : "pending");
        toPersist.put(active, c);
        return active;
    }

    private void awaitSamples(Candidate c, Enhancement enhancement, MethodContext context, MethodHandle original,
                              VerificationResult verified) throws ActivationFailure {
        if ("false".equalsIgnoreCase(String.valueOf(c.params.get(RECORD_SAMPLES)).trim())) {
            throw new ActivationFailure("verification had no sample of its arguments (" + verified.describe()
                    + ") and record-samples=false: a version verified on nothing is not activated");
        }
        int samples = recordedSamples(c);
        waiting.put(context.id(), new Waiting(c, enhancement, context, original, samples));
        newlyWaiting.add(new AwaitingSamples(context.id(), samples));
        PoetLog.info(c.displayName() + ": no sample of its arguments can be synthesised; the original runs until "
                + samples + " call" + (samples == 1 ? " was" : "s were") + " recorded to verify the enhancement on");
    }

    /** The {@code recorded-samples} setting, within bounds; the default when absent or not a number. */
    static int recordedSamples(Candidate c) {
        Object value = c.params.get(RECORDED_SAMPLES);
        if (value == null) {
            return DEFAULT_RECORDED_SAMPLES;
        }
        try {
            return Math.max(1, Math.min(MAX_RECORDED_SAMPLES, Integer.parseInt(value.toString().trim())));
        } catch (NumberFormatException e) {
            PoetLog.warn(c.displayName() + ": " + RECORDED_SAMPLES + "=" + value + " is not a number; "
                    + DEFAULT_RECORDED_SAMPLES + " is used");
            return DEFAULT_RECORDED_SAMPLES;
        }
    }

    @Override
    public List<AwaitingSamples> takeAwaitingSamples() {
        List<AwaitingSamples> taken = List.copyOf(newlyWaiting);
        newlyWaiting.clear();
        return taken;
    }

    @Override
    public int record(int methodId, Object[] args) {
        try {
            if (!waiting.containsKey(methodId) || !verification.samples().record(methodId, args)) {
                return -1;
            }
            return verification.samples().count(methodId);
        } catch (Throwable t) {
            // A sample lost; the caller's call runs its original either way.
            return -1;
        }
    }

    @Override
    public ActiveMethod finishRecording(int methodId) {
        Waiting w = waiting.remove(methodId);
        if (w == null) {
            return null;
        }
        Candidate c = w.candidate();
        try {
            VerificationResult verified = verification.verifyRecorded(w.enhancement(), w.context(), c.method);
            c.samples = samplesOf(verified);
            if (!verified.isPassed()) {
                String reason = "verification rejected the generated code on recorded calls: " + verified.describe();
                versions.rejectedOnRecordedCalls(c, reason);
                PoetLog.warn(c.displayName() + ": not enhanced, the original runs: " + reason);
                return null;
            }
            if (verified.verifiedOnNothing(c.method.getParameterCount())) {
                PoetLog.warn(c.displayName() + ": not enhanced, the original runs: no call could be recorded to "
                        + "verify on (" + verified.describe() + ")");
                return null;
            }
            ActiveMethod active = new ActiveMethod(w.context(), w.enhancement(), w.original(),
                    c.reused != null ? c.reused.name() : "pending");
            toPersist.put(active, c);
            return active;
        } finally {
            // Recorded calls are real data: kept no longer than needed.
            verification.samples().clear(methodId);
        }
    }

    private static VersionMetadata.Samples samplesOf(VerificationResult verified) {
        return new VersionMetadata.Samples(verified.synthesisedSamples(), verified.recordedSamples());
    }

    private static String verifiedOn(VersionMetadata.Samples samples) {
        if (samples == null) {
            return "";
        }
        return samples.recorded() > 0 ? ", verified on " + samples.recorded() + " recorded call"
                + (samples.recorded() == 1 ? "" : "s")
                : ", verified on " + samples.synthesised() + " synthesised sample"
                + (samples.synthesised() == 1 ? "" : "s");
    }

    @Override
    public void persist(List<ActiveMethod> active) {
        for (ActiveMethod method : active) {
            Candidate c = toPersist.remove(method);
            if (c == null) {
                continue;
            }
            String version = versions.record(c, VersionStatus.ACTIVE, null);
            method.storedAs(version);
            PoetLog.info(c.displayName() + ": enhancement " + version + " active (" + c.provenance.get("generator")
                    + " " + c.template.domain() + " v" + c.template.version()
                    + (c.reused != null ? ", reused from " + c.key.value() : "") + verifiedOn(c.samples) + ")");
        }
    }

    @Override
    public void quarantined(ActiveMethod method, String reason) {
        versions.quarantined(method, reason);
    }

    private static void fail(String method, ActivationFailure e) {
        PoetLog.warn(method + ": not enhanced, the original runs: " + e.getMessage());
    }
}
