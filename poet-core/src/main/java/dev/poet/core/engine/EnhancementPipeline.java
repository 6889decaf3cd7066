package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * From a live class to active enhancements. For each selected method: reuse its stored version when the method,
 * its template and its configuration are unchanged; else ask the source generator (when one is configured), else
 * render its domain template (all methods of one template in one Janino unit). Then, for every method: audit,
 * inject the loop budget, define in the class's {@link EnhancementLoader}, instantiate, verify (a reused version
 * that passed when stored, with unchanged bytes, identity and samples, keeps that verdict, see
 * {@link VerificationGate#verifyReused}), and wire the exact original. A method that fails any step is logged with its reason and keeps running its original body; the
 * others go on. Versions are stored after activation ({@link #persist}).
 */
public final class EnhancementPipeline implements ClassActivator {

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
        List<Candidate> candidates = preparation.prepareAll(type, methods, facts,
                (registered, e) -> fail(registered.spec().displayName(), e));
        List<Method> reflected = new ArrayList<>();
        for (Candidate candidate : candidates) {
            reflected.add(candidate.method);
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
        Set<String> definable = new HashSet<>();
        for (Candidate candidate : ready) {
            try {
                auditAndDefine(candidate, loader, definable);
                active.add(instantiate(candidate, loader));
            } catch (ActivationFailure e) {
                fail(candidate.displayName(), e);
            }
        }
        return active;
    }

    /**
     * The bytecode audit (again, for stored bytes: the rules may have changed since), then the loop budget, then
     * the classes become definable. A rejected fresh version is stored for inspection, never activated.
     *
     * <p>The methods of one unit each carry the unit's outer class: it is audited with each of them, but gets the
     * loop budget and becomes definable once ({@code definable}: the names this loader holds already, which
     * {@link EnhancementLoader#addClasses} would ignore anyway, keeping the first definition).
     */
    private void auditAndDefine(Candidate c, EnhancementLoader loader, Set<String> definable)
            throws ActivationFailure {
        long start = System.nanoTime();
        AuditResult audit = auditor.audit(c.classes, AuditPolicy.forMethod(c.method));
        c.timings.put("audit", (System.nanoTime() - start) / 1_000_000);
        if (!audit.isPassed()) {
            versions.rejected(c, audit.describe());
            throw new ActivationFailure(audit.describe());
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

    private ActiveMethod instantiate(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        Method method = c.method;
        MethodStats stats = new MethodStats();
        MethodContext context = c.context(VerificationGate.muted(new CountingSink(stats, events)), stats);
        Enhancement enhancement = GeneratedClasses.construct(c.enhancementClass, loader, context);
        VerificationResult verified = c.reused == null ? verification.verify(enhancement, context, method)
                : verification.verifyReused(enhancement, context, method, VersionRecorder.passedVerification(c.reused));
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
        ActiveMethod active = new ActiveMethod(context, enhancement, original,
                c.reused != null ? c.reused.name() : "pending");
        toPersist.put(active, c);
        return active;
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
                    + (c.reused != null ? ", reused from " + c.key.value() : "") + ")");
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
