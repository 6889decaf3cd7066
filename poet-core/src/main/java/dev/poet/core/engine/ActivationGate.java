package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * The last steps every version passes before it may go into a slot, whoever produced it (template, stored
 * version, LLM) and whenever (at first activation or as a later replacement): the bytecode audit (again, for
 * stored bytes: the rules may have changed since), the loop budget, definition, construction, verification, and
 * the exact original. A rejected fresh version is stored for inspection, never activated. Thread-safe: the
 * generator thread and the background LLM thread share one.
 */
final class ActivationGate {

    private final BytecodeAuditor auditor;
    private final LoopBudgetInjector loopBudget;
    private final VerificationGate verification;
    private final OriginalHandles originals;
    private final VersionRecorder versions;
    private final EngineEvents events;
    /** Where each method's phase decisions go besides the event log. */
    private final PhaseEventSink forward;

    ActivationGate(BytecodeAuditor auditor, LoopBudgetInjector loopBudget, VerificationGate verification,
                   OriginalHandles originals, VersionRecorder versions, EngineEvents events, PhaseEventSink forward) {
        this.auditor = auditor;
        this.loopBudget = loopBudget;
        this.verification = verification;
        this.originals = originals;
        this.versions = versions;
        this.events = events;
        this.forward = forward;
    }

    /** Audits the candidate's classes and, with the loop budget injected, makes them definable in {@code loader}. */
    void auditAndDefine(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        auditAndDefine(c, loader, new HashSet<>());
    }

    /**
     * As {@link #auditAndDefine(Candidate, EnhancementLoader)} for one of several candidates of one unit. The methods
     * of a unit each carry the unit's outer class: it is audited with each of them, but gets the loop budget and
     * becomes definable once ({@code definable}: the names this loader holds already, which
     * {@link EnhancementLoader#addClasses} would ignore anyway, keeping the first definition).
     */
    void auditAndDefine(Candidate c, EnhancementLoader loader, Set<String> definable) throws ActivationFailure {
        long start = System.nanoTime();
        AuditResult audit = auditor.audit(c.classes, AuditPolicy.forMethod(c.method));
        c.timings.put("audit", (System.nanoTime() - start) / 1_000_000);
        if (!audit.isPassed()) {
            throw reject(c, "audit", audit.describe(), true);
        }
        Map<String, byte[]> added = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : c.classes.entrySet()) {
            if (!definable.contains(entry.getKey())) {
                added.put(entry.getKey(), entry.getValue());
            }
        }
        loader.addClasses(loopBudget.inject(added));
        definable.addAll(added.keySet());
    }

    /**
     * Constructs and verifies the enhancement of a candidate {@link #auditAndDefine defined} in {@code loader}.
     *
     * @param stats the method's counters: fresh at first activation, the replaced version's for a replacement
     *              (the summary counts the method's calls, not one version's)
     * @param reporter where the active method reports its own failures (the engine, which quarantines)
     */
    ActiveMethod instantiate(Candidate c, EnhancementLoader loader, MethodStats stats, FailureReporter reporter)
            throws ActivationFailure {
        Method method = c.method;
        // Decisions taken while verifying are about samples, not the application's calls: muted.
        MethodContext context = c.context(VerificationGate.muted(new DecisionSink(stats, events, forward)), stats);
        Enhancement enhancement;
        try {
            enhancement = GeneratedClasses.construct(c.enhancementClass, loader, context);
        } catch (ActivationFailure e) {
            throw reject(c, "construction", e.getMessage(), false);
        }
        boolean keeps = c.reused != null && keepsItsVerdict(c);
        VerificationResult verified = c.reused == null ? verification.verify(enhancement, context, method)
                : verification.verifyReused(enhancement, context, method, keeps);
        c.samples = keeps && verified.recordedSamples() == 0 && verified.synthesisedSamples() == 0
                ? c.reused.metadata().samples() : samplesOf(verified);
        if (!verified.isPassed()) {
            throw reject(c, "verification", "verification rejected the generated code: " + verified.describe(), true);
        }
        MethodHandle original;
        try {
            original = originals.originalOf(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw reject(c, "original", "no exact handle on the original: " + e, false);
        }
        // Verified on nothing (no sample of its arguments could be synthesised): the caller holds it back until it
        // passed on recorded calls; it never goes into a slot before.
        c.awaitsSamples = !keeps && verified.verifiedOnNothing(method.getParameterCount());
        return new ActiveMethod(context, enhancement, original, c.reused != null ? c.reused.name() : "pending",
                reporter);
    }

    /**
     * Records a rejection at {@code stage} ({@code stored}: a fresh version is kept for inspection) and says it in a
     * {@code version.rejected} event, whose id the candidate keeps as the cause of what follows.
     */
    private ActivationFailure reject(Candidate c, String stage, String reason, boolean stored) {
        String version = c.reused != null ? c.reused.name() : stored ? versions.rejected(c, reason) : null;
        c.rejectionEvent = events.versionRejected(CandidateFacts.of(c, version), stage, reason);
        return new ActivationFailure(reason);
    }

    /**
     * Whether a reused version's stored verdict still holds without running it again: it passed verification when
     * stored, on synthesised samples (which would be synthesised the same from the same signature); a version
     * verified on recorded calls is verified again on this run's calls, which are other data.
     */
    private static boolean keepsItsVerdict(Candidate c) {
        VersionMetadata.Samples samples = c.reused.metadata().samples();
        return VersionRecorder.passedVerification(c.reused) && samples != null && samples.synthesised() > 0
                && samples.recorded() == 0;
    }

    static VersionMetadata.Samples samplesOf(VerificationResult verified) {
        return new VersionMetadata.Samples(verified.synthesisedSamples(), verified.recordedSamples());
    }
}
