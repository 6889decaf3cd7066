package dev.poet.core.engine;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.MethodStats;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.engine.VersionFacts;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * From a live class to active enhancements. For each selected method: reuse its stored version when the method,
 * its template and its configuration are unchanged (with a source generator configured, the generator's stored
 * version first); else render its domain template (all methods of one template in one Janino unit). Then, for
 * every method, the {@link ActivationGate}: audit, loop budget, definition in the class's {@link EnhancementLoader},
 * construction, verification (a reused version that passed when stored, with unchanged bytes, identity and
 * samples, keeps that verdict, see {@link VerificationGate#verifyReused}), the exact original. A method that fails
 * any step is logged with its reason and keeps running its original body; the others go on. Versions are stored
 * after activation ({@link #persist}).
 *
 * <p>With a source generator (an LLM), activation never waits for it: the template version is activated as in
 * template mode, and the generator is asked afterwards, in the background ({@link BackgroundGeneration}); its
 * version replaces the template's only after passing the same gate.
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

    private final CandidatePreparation preparation;
    private final TemplateUnits units;
    private final VersionRecorder versions;
    private final ActivationGate gate;
    private final EngineEvents events;
    /** Null for templates only. */
    private final BackgroundGeneration background;
    /** Activated but not yet stored; only the generator thread touches it. */
    private final Map<ActiveMethod, Candidate> toPersist = new IdentityHashMap<>();
    /** Activated template versions whose LLM version is to be generated once they are in their slot. */
    private final Map<ActiveMethod, BackgroundGeneration.Job> toUpgrade = new IdentityHashMap<>();
    /** Versions waiting for recorded calls, by method id; read on callers' threads. */
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();
    /** Shared with the gate: the recorder of calls of waiting methods is its sample source. */
    private final VerificationGate verification;
    /** Activated methods with optimize-for, by method id: what Train needs of them. */
    private final Map<Integer, TrainingFacts> trained = new ConcurrentHashMap<>();
    /** Versions Train asks for after activation. */
    private final TrainedVersions trainedVersions;
    /** Waiting since the last {@link #takeAwaitingSamples()}; only the generator thread touches it. */
    private final List<AwaitingSamples> newlyWaiting = new ArrayList<>();
    /** Where activated methods' settings are compared with what they last ran with; null: not tracked. */
    private volatile dev.poet.core.train.config.ConfigHistory configHistory;

    /** The operator's choices: which stored version they named. */
    private volatile OperatorPolicy operator = OperatorPolicy.NONE;
    /** {@code poet.review=manual}: a new version waits for approval instead of being activated. */
    private volatile boolean manualReview;
    /** Methods whose new version waits for review (the original runs), method key to slot id. */
    private final Map<String, Integer> heldForReview = new ConcurrentHashMap<>();
    /** Display names of the methods held for review, by slot id. */
    private final Map<Integer, String> heldNames = new ConcurrentHashMap<>();

    /** A version that passed everything but verification on real arguments; not in any slot yet. */
    private record Waiting(Candidate candidate, ActiveMethod method, int samples) {
    }

    /** Templates only, writing no events; phase decisions go to {@code forward} alone. */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink forward, VersionStore store) {
        this(templates, originals, settings, forward, store, null);
    }

    /** Writing no events; phase decisions go to {@code forward} alone. */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink forward, VersionStore store, SourceGenerator sources) {
        this(templates, originals, settings, EngineEvents.NONE, forward, store, sources);
    }

    /**
     * @param events  where phase decisions (linked to their execution) and the pipeline's own events go
     * @param sources a generator whose versions replace the templates' once ready (an LLM), or {@code null} for
     *                templates only
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               EngineEvents events, VersionStore store, SourceGenerator sources) {
        this(templates, originals, settings, events, PhaseEventSink.NONE, store, sources, true);
    }

    /**
     * @param events  where phase decisions (linked to their execution) and the pipeline's own events go
     * @param forward where each phase decision goes besides (a test's sink), or {@link PhaseEventSink#NONE}
     * @param sources a generator whose versions replace the templates' once ready (an LLM), or {@code null} for
     *                templates only
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               EngineEvents events, PhaseEventSink forward, VersionStore store,
                               SourceGenerator sources) {
        this(templates, originals, settings, events, forward, store, sources, true);
    }

    /**
     * @param events       where phase decisions (linked to their execution) and the pipeline's own events go
     * @param forward      where each phase decision goes besides (a test's sink), or {@link PhaseEventSink#NONE}
     * @param sources      a generator whose versions replace the templates' once ready (an LLM), or {@code null}
     *                     for templates only
     * @param recordInputs {@code poet.record.inputs}: whether methods with {@code optimize-for} have their arguments
     *                     and results copied for replay
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               EngineEvents events, PhaseEventSink forward, VersionStore store,
                               SourceGenerator sources, boolean recordInputs) {
        this(templates, originals, settings, events, forward, store, sources, recordInputs, ParamBounds.defaults());
    }

    /**
     * As above; a method with {@code optimize-for} runs with the values Train learned for it
     * ({@code learned.json} in its folder of {@code store}) over its configured parameters, clamped into
     * {@code bounds} ({@code poet.train.bound.*}), except keys its annotation or configuration set.
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               EngineEvents events, PhaseEventSink forward, VersionStore store,
                               SourceGenerator sources, boolean recordInputs, ParamBounds bounds) {
        this.events = events == null ? EngineEvents.NONE : events;
        JaninoCompiler compiler = new JaninoCompiler();
        BytecodeAuditor auditor = new BytecodeAuditor();
        LoopBudgetInjector loopBudget = new LoopBudgetInjector();
        this.verification = new VerificationGate();
        this.preparation = new CandidatePreparation(templates, settings, recordInputs,
                LearnedParamsStore.of(store), bounds);
        this.units = new TemplateUnits(new TemplateRenderer(), compiler);
        this.versions = new VersionRecorder(store);
        this.gate = new ActivationGate(auditor, loopBudget, verification, originals, versions, this.events,
                forward == null ? PhaseEventSink.NONE : forward);
        // The background thread gets its own compiler and renderer; the audit, budget and verification are shared.
        this.background = sources == null ? null : new BackgroundGeneration(
                new SourceGeneration(sources, new TemplateUnits(new TemplateRenderer(), new JaninoCompiler()),
                        new JaninoCompiler(), auditor, loopBudget, verification),
                preparation, gate, versions, store, this.events, Clock.systemUTC());
        // Train's thread gets its own renderer and compilers too.
        this.trainedVersions = new TrainedVersions(preparation,
                new TemplateUnits(new TemplateRenderer(), new JaninoCompiler()),
                sources == null ? null : new SourceGeneration(sources,
                        new TemplateUnits(new TemplateRenderer(), new JaninoCompiler()), new JaninoCompiler(), auditor,
                        loopBudget, verification),
                gate, versions, store);
    }

    @Override
    public List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods,
                                       FailureReporter reporter) {
        GenerationFacts facts = GenerationFacts.read(type.getClassLoader(), type.getName());
        List<Candidate> candidates = preparation.prepareAll(type, methods, facts,
                (registered, e) -> failedPreparation(type, registered, e));
        List<Method> reflected = new ArrayList<>();
        for (Candidate candidate : candidates) {
            reflected.add(candidate.method);
        }
        EnhancementLoader loader = new EnhancementLoader(type.getName(), SignatureTypes.of(type, reflected));
        Map<Template, List<Candidate>> toRender = new LinkedHashMap<>();
        List<Candidate> ready = new ArrayList<>();
        List<Candidate> upgrade = new ArrayList<>();
        boolean manual = manualReview;
        for (Candidate candidate : candidates) {
            String backgroundFingerprint = background != null ? background.sourceFingerprint(candidate) : null;
            String taken = versions.reuseCurrent(candidate, candidate.templateFingerprint, backgroundFingerprint,
                    operator);
            if (taken != null) {
                if (taken.equals(candidate.templateFingerprint) && background != null && !manual
                        && background.due(candidate)) {
                    upgrade.add(candidate);
                }
                ready.add(candidate);
                continue;
            }
            if (manual && versions.awaitingReview(candidate, candidate.templateFingerprint)) {
                holdForReview(candidate, null);
                continue;
            }
            if (background != null && versions.reuse(candidate, backgroundFingerprint)) {
                ready.add(candidate);
                continue;
            }
            if (background != null && !manual && background.due(candidate)) {
                upgrade.add(candidate);
            }
            if (versions.reuse(candidate, candidate.templateFingerprint)) {
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
                    events.generationFailed(CandidateFacts.of(candidate, null), e.getMessage(), null, null);
                }
            }
        }
        List<ActiveMethod> active = new ArrayList<>();
        Set<String> definable = new HashSet<>();
        for (Candidate candidate : ready) {
            try {
                gate.auditAndDefine(candidate, loader, definable);
                ActiveMethod method = gate.instantiate(candidate, loader, new MethodStats(), reporter);
                if (manual && candidate.reused == null) {
                    holdForReview(candidate, method);
                    continue;
                }
                if (candidate.awaitsSamples) {
                    awaitSamples(candidate, method);
                    continue;
                }
                toPersist.put(method, candidate);
                keepTrainingFacts(method, candidate);
                if (upgrade.contains(candidate)) {
                    toUpgrade.put(method, new BackgroundGeneration.Job(type, candidate.registered, facts, candidate,
                            method, reporter));
                }
                active.add(method);
            } catch (ActivationFailure e) {
                fail(candidate.displayName(), e);
            }
        }
        return active;
    }

    /**
     * Stores the versions, then hands the methods whose LLM version is due to the background. A fresh template
     * version waiting for its LLM version is stored by the background once the LLM's outcome is known.
     */
    private void awaitSamples(Candidate c, ActiveMethod method) throws ActivationFailure {
        if ("false".equalsIgnoreCase(String.valueOf(c.params.get(RECORD_SAMPLES)).trim())) {
            String reason = "verification had no sample of its arguments and record-samples=false:"
                    + " a version verified on nothing is not activated";
            events.versionRejected(CandidateFacts.of(c, c.reused != null ? c.reused.name() : null), "verification",
                    reason);
            throw new ActivationFailure(reason);
        }
        int samples = recordedSamples(c);
        int id = method.context().id();
        waiting.put(id, new Waiting(c, method, samples));
        newlyWaiting.add(new AwaitingSamples(id, samples));
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

    /**
     * {@code poet.review=manual}: a new version passed audit and verification (or an earlier one already waits) and
     * is stored as {@code awaiting_review}; the method runs its original until the version is approved.
     *
     * @param method the new version, or null when one stored earlier already waits
     */
    private void holdForReview(Candidate c, ActiveMethod method) {
        int id = c.registered.id();
        trainedVersions.prepared(id, c);
        heldForReview.put(c.key.value(), id);
        heldNames.put(id, c.displayName());
        if (method == null) {
            PoetLog.info(c.displayName() + ": a version awaits review (poet.review=manual); the original runs");
            return;
        }
        String version = versions.record(c, VersionStatus.AWAITING_REVIEW, "awaiting review (poet.review=manual)");
        method.storedAs(version);
        PoetLog.info(c.displayName() + ": new version " + version + " audited and verified, awaiting review"
                + " (poet.review=manual); the original runs until it is approved");
    }

    /** {@code poet.review}: manual holds every new version for approval. */
    public void reviewManually(boolean manual) {
        this.manualReview = manual;
    }

    boolean manualReview() {
        return manualReview;
    }

    /** From now on, activations reuse the version the operator named, see {@link OperatorPolicy#pinned}. */
    public void operatedBy(OperatorPolicy policy) {
        this.operator = policy == null ? OperatorPolicy.NONE : policy;
    }

    /** Methods whose new version waits for review, method key to slot id. */
    Map<String, Integer> heldForReview() {
        return heldForReview;
    }

    String displayNameOf(int id) {
        return heldNames.get(id);
    }

    /** A stored version the operator named is now in the slot of its method. */
    void storedVersionActive(ActiveMethod method, Candidate c) {
        heldForReview.remove(c.key.value());
        keepTrainingFacts(method, c);
    }

    private void keepTrainingFacts(ActiveMethod method, Candidate c) {
        trainedVersions.prepared(method.context().id(), c);
        String objective = c.recording().optimizeFor();
        if (objective != null) {
            trained.put(method.context().id(), new TrainingFacts(objective, c.params, c.explicitKeys));
            trainedVersions.activated(method, c);
        }
    }

    /** Versions Train asks for (regenerated candidates, rollbacks) of the methods with optimize-for. */
    TrainedVersions trainedVersions() {
        return trainedVersions;
    }

    /** {@code method} (made from {@code c} by {@link #trainedVersions()}) is now in its slot. */
    void trainedVersionActive(ActiveMethod method, Candidate c) {
        keepTrainingFacts(method, c);
    }

    @Override
    public TrainingFacts trainingFacts(int methodId) {
        return trained.get(methodId);
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
            VerificationResult verified = verification.verifyRecorded(w.method().enhancement(), w.method().context(),
                    c.method);
            c.samples = ActivationGate.samplesOf(verified);
            if (!verified.isPassed()) {
                String reason = "verification rejected the generated code on recorded calls: " + verified.describe();
                String version = versions.rejectedOnRecordedCalls(c, reason);
                PoetLog.warn(c.displayName() + ": not enhanced, the original runs: " + reason);
                events.versionRejected(CandidateFacts.of(c, version), "verification_recorded", reason);
                return null;
            }
            if (verified.verifiedOnNothing(c.method.getParameterCount())) {
                String reason = "no call could be recorded to verify on (" + verified.describe() + ")";
                PoetLog.warn(c.displayName() + ": not enhanced, the original runs: " + reason);
                events.versionRejected(CandidateFacts.of(c, c.reused != null ? c.reused.name() : null),
                        "verification_recorded", reason);
                return null;
            }
            c.awaitsSamples = false;
            toPersist.put(w.method(), c);
            keepTrainingFacts(w.method(), c);
            return w.method();
        } finally {
            // Recorded calls are real data: kept no longer than needed.
            verification.samples().clear(methodId);
        }
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
            BackgroundGeneration.Job job = toUpgrade.remove(method);
            if (job == null || c.reused != null) {
                String version = versions.record(c, VersionStatus.ACTIVE, null);
                method.storedAs(version);
                PoetLog.info(c.displayName() + ": enhancement " + version + " active (" + c.provenance.get("generator")
                        + " " + c.template.domain() + " v" + c.template.version()
                        + (c.reused != null ? ", reused from " + c.key.value() : "") + verifiedOn(c.samples) + ")");
                activated(c, version);
            } else {
                PoetLog.info(c.displayName() + ": enhancement active (template " + c.template.domain() + " v"
                        + c.template.version() + "); LLM generation follows in the background");
                // Not stored until the LLM's outcome is known: no name yet.
                activated(c, null);
            }
            if (job != null) {
                background.schedule(job);
            }
        }
    }

    /**
     * From now on, each activated method's settings are compared with what it last ran with ({@code config.changed}
     * for each key that differs) and kept in {@code history}.
     */
    public void trackConfigurationIn(dev.poet.core.train.config.ConfigHistory history) {
        this.configHistory = history;
    }

    /** {@code version.activated}, after the {@code generation.succeeded} it follows when it was generated now. */
    private void activated(Candidate c, String version) {
        VersionFacts facts = CandidateFacts.of(c, version);
        String cause = c.reused != null ? null : events.generationSucceeded(facts, c.timings);
        events.versionActivated(facts, c.reused != null, null, cause);
        trackSettings(c);
    }

    private void trackSettings(Candidate c) {
        dev.poet.core.train.config.ConfigHistory history = configHistory;
        if (history == null) {
            return;
        }
        try {
            history.activated(c.key.value(), c.displayName(), settingsOf(c));
        } catch (Exception e) {
            PoetLog.suppressed(c.displayName() + ": its settings could not be compared with the last run", e);
        }
    }

    /** What the user chose for a method: the keys annotation or configuration set, and its domain. */
    static Map<String, String> settingsOf(Candidate c) {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (String k : c.explicitKeys) {
            Object v = c.params.get(k);
            if (v != null) {
                settings.put(k, v.toString());
            }
        }
        settings.put(dev.poet.core.config.MethodSettings.DOMAIN, c.template.domain());
        return settings;
    }

    /** A method whose candidate could not even be prepared (no template, no such method): nothing was generated. */
    private void failedPreparation(Class<?> type, MethodRegistry.Registered registered, ActivationFailure e) {
        fail(registered.spec().displayName(), e);
        events.generationFailed(new VersionFacts(preparation.keyOf(type, registered.spec()),
                registered.spec().displayName(), null, "template", null, null, null, null), e.getMessage(), null,
                null);
    }

    @Override
    public void quarantined(ActiveMethod method, String reason) {
        if (background == null || !background.quarantined(method, reason)) {
            versions.quarantined(method, reason);
        }
    }

    @Override
    public void replacementsThrough(ActiveReplacement engine) {
        if (background != null) {
            background.replacementsThrough(engine);
        }
    }

    @Override
    public void shutdown(long millis) {
        if (background != null) {
            background.shutdown(millis);
        }
    }

    private static void fail(String method, ActivationFailure e) {
        PoetLog.warn(method + ": not enhanced, the original runs: " + e.getMessage());
    }
}
