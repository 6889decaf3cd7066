package dev.poet.core.engine;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.FailureReporter;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.engine.VersionFacts;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.GenerationBackoff;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;

/**
 * LLM generation after activation: a method first runs its template version, exactly as in template mode, and
 * the LLM's version replaces it only once it has passed the same {@link ActivationGate}. Runs on a thread of its
 * own, so a slow or broken model never holds back the template activations of other classes; one at a time,
 * since the model (and Janino) are shared with the application.
 *
 * <p>A failed generation delays the method's next one ({@link GenerationBackoff}, persisted, growing): restarts
 * within the delay make no request. While a generation runs, the template version is not stored: if the LLM's
 * version replaces it, the store holds that one alone; otherwise the template's is stored with the reason.
 */
final class BackgroundGeneration {

    /** One method whose template version is active and whose LLM version is to be generated. */
    record Job(Class<?> type, MethodRegistry.Registered registered, GenerationFacts facts, Candidate template,
               ActiveMethod active, FailureReporter reporter) {
    }

    private final SourceGeneration sources;
    private final CandidatePreparation preparation;
    private final ActivationGate gate;
    private final VersionRecorder versions;
    private final GenerationBackoff backoff;
    private final EngineEvents events;
    private final ThreadPoolExecutor executor;
    /** Fresh template versions whose storing waits for the LLM's outcome. */
    private final Set<ActiveMethod> awaitingStore = ConcurrentHashMap.newKeySet();
    /** Those of them quarantined meanwhile, with the reason. */
    private final Map<ActiveMethod, String> quarantinedWhileWaiting = new ConcurrentHashMap<>();
    private volatile ActiveReplacement slots = ActiveReplacement.NONE;
    private volatile boolean closing;

    BackgroundGeneration(SourceGeneration sources, CandidatePreparation preparation, ActivationGate gate,
                         VersionRecorder versions, VersionStore store, EngineEvents events, Clock clock) {
        this.sources = sources;
        this.preparation = preparation;
        this.gate = gate;
        this.versions = versions;
        this.events = events;
        this.backoff = new GenerationBackoff(store, clock, Duration.ofMillis(sources.retryDelayMs()));
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new GeneratorThreads("poet-llm-"));
        executor.allowCoreThreadTimeOut(true);
    }

    void replacementsThrough(ActiveReplacement engine) {
        this.slots = engine;
    }

    /**
     * Whether the candidate's method may be sent to the LLM now (a read-only look at its delay); when it may not,
     * says so once, with the instant it may.
     */
    boolean due(Candidate c) {
        Optional<GenerationBackoff.State> held = backoff.blocking(c.key, identity(c));
        held.ifPresent(state -> PoetLog.info(c.displayName() + ": LLM generation held back until "
                + state.nextAttemptAt() + " after " + state.failures() + " failed attempt(s)"
                + " (poet.llm.retry-delay-ms); the template version runs"));
        return held.isEmpty();
    }

    /** Queues the job; called once its template version is in the slot. */
    void schedule(Job job) {
        if (job.template().reused == null) {
            awaitingStore.add(job.active());
        }
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            recordTemplate(job);
        }
    }

    private void run(Job job) {
        if (closing) {
            // The JVM is exiting: a generation that has not started is not worth delaying the exit for.
            return;
        }
        try {
            generate(job);
        } catch (Throwable t) {
            PoetLog.suppressed(job.template().displayName() + ": background LLM generation failed; the template"
                    + " version stays active", t);
        }
    }

    private void generate(Job job) throws ActivationFailure {
        Candidate c = preparation.prepare(job.type(), job.registered(), job.facts());
        String identity = identity(c);
        try {
            GenerationBackoff.Claim claim = backoff.claim(c.key, identity);
            if (!claim.granted()) {
                // Another JVM sharing this home claimed the attempt after activation looked.
                recordTemplate(job);
                return;
            }
        } catch (IOException e) {
            PoetLog.warn(c.displayName() + ": LLM retry delay not recorded (" + e.getMessage()
                    + "); a restart may ask again");
        }
        long start = System.nanoTime();
        if (!sources.generate(job.type(), c, job.facts())) {
            failed(job, c, identity, c.note, sources.provenance(), null);
            return;
        }
        EnhancementLoader loader = new EnhancementLoader(job.type().getName(),
                SignatureTypes.of(job.type(), List.of(c.method)));
        ActiveMethod replacement;
        try {
            gate.auditAndDefine(c, loader);
            replacement = gate.instantiate(c, loader, job.active().context().stats(), job.reporter());
            if (c.awaitsSamples) {
                // Never into a slot unverified; the template version it would replace was verified.
                throw new ActivationFailure("verification had no sample of its arguments");
            }
        } catch (ActivationFailure e) {
            PoetLog.warn(c.displayName() + ": the LLM's version was rejected, the template version stays active: "
                    + e.getMessage());
            failed(job, c, identity, "the source generator's version was rejected (" + e.getMessage()
                    + "); the template is used", c.provenance, c.rejectionEvent);
            return;
        }
        if (!slots.replaceActive(job.active(), replacement)) {
            PoetLog.info(c.displayName() + ": the LLM's version is not activated: the template version it was to"
                    + " replace is no longer active (quarantined)");
            recordTemplate(job);
            return;
        }
        awaitingStore.remove(job.active());
        quarantinedWhileWaiting.remove(job.active());
        String version = versions.record(c, VersionStatus.ACTIVE, null);
        replacement.storedAs(version);
        long millis = (System.nanoTime() - start) / 1_000_000;
        PoetLog.info(c.displayName() + ": enhancement " + version + " (llm " + c.provenance.get("model")
                + ") replaced the template version after " + millis + " ms");
        Map<String, Long> timings = new LinkedHashMap<>(c.timings);
        timings.put("total", millis);
        VersionFacts facts = CandidateFacts.of(c, version);
        events.versionActivated(facts, false, job.active().version(), events.generationSucceeded(facts, timings));
        try {
            backoff.succeeded(c.key);
        } catch (IOException e) {
            PoetLog.warn(c.displayName() + ": LLM retry delay not cleared: " + e.getMessage());
        }
    }

    /**
     * The LLM gave no version that may replace the template's: delays the next attempt, stores the template
     * version with the reason, and says so ({@code generation.failed}, the template version staying active).
     */
    private void failed(Job job, Candidate c, String identity, String reason, Map<String, String> generator,
                        String cause) {
        try {
            backoff.failed(c.key, identity, reason);
        } catch (IOException e) {
            PoetLog.warn(c.displayName() + ": LLM retry delay not recorded: " + e.getMessage());
        }
        GenerationBackoff.State state = backoff.blocking(c.key, identity).orElse(null);
        if (state != null) {
            PoetLog.info(c.displayName() + ": next LLM generation not before " + state.nextAttemptAt()
                    + " (failed attempt " + state.failures() + ")");
        }
        // The template's metadata says why the method is not LLM-generated.
        job.template().note = reason;
        String stays = recordTemplate(job);
        events.generationFailed(CandidateFacts.of(c, null, generator), reason,
                job.template().storedQuarantined ? null : stays, cause);
    }

    /**
     * A template version not yet stored (its storing waits for the LLM) was quarantined: it is stored as such, so
     * that a restart does not reuse it.
     *
     * @return false when the version is not one of those (the caller records the quarantine itself)
     */
    boolean quarantined(ActiveMethod method, String reason) {
        if (!awaitingStore.contains(method)) {
            return false;
        }
        quarantinedWhileWaiting.put(method, reason);
        return true;
    }

    /** Stores the template version whose storing waited for the LLM's outcome; returns its name. */
    private String recordTemplate(Job job) {
        Candidate t = job.template();
        awaitingStore.remove(job.active());
        String quarantine = quarantinedWhileWaiting.remove(job.active());
        t.storedQuarantined = quarantine != null;
        String version = quarantine != null ? versions.record(t, VersionStatus.QUARANTINED, quarantine)
                : versions.record(t, VersionStatus.ACTIVE, null);
        job.active().storedAs(version);
        return version;
    }

    /** The identity of the generator's stored version of the candidate: one is reused without asking. */
    String sourceFingerprint(Candidate c) {
        return sources.fingerprint(c);
    }

    /** The identity a delay belongs to: another model, prompt, template or method body is asked afresh. */
    String identity(Candidate c) {
        return Hashes.sha256(sources.fingerprint(c) + "|" + c.bodyHash);
    }

    /** Jobs not started are dropped; the running one gets {@code millis}, then is interrupted. */
    void shutdown(long millis) {
        closing = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
