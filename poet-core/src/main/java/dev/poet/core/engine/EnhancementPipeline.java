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

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.MethodStats;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.verify.VerificationGate;
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
 */
public final class EnhancementPipeline implements ClassActivator {

    private final CandidatePreparation preparation;
    private final TemplateUnits units;
    private final VersionRecorder versions;
    private final ActivationGate gate;
    /** Null for templates only. */
    private final BackgroundGeneration background;
    /** Activated but not yet stored; only the generator thread touches it. */
    private final Map<ActiveMethod, Candidate> toPersist = new IdentityHashMap<>();
    /** Activated template versions whose LLM version is to be generated once they are in their slot. */
    private final Map<ActiveMethod, BackgroundGeneration.Job> toUpgrade = new IdentityHashMap<>();

    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store) {
        this(templates, originals, settings, events, store, null);
    }

    /**
     * @param sources a generator whose versions replace the templates' once ready (an LLM), or {@code null} for
     *                templates only
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store, SourceGenerator sources) {
        JaninoCompiler compiler = new JaninoCompiler();
        BytecodeAuditor auditor = new BytecodeAuditor();
        LoopBudgetInjector loopBudget = new LoopBudgetInjector();
        VerificationGate verification = new VerificationGate();
        this.preparation = new CandidatePreparation(templates, settings);
        this.units = new TemplateUnits(new TemplateRenderer(), compiler);
        this.versions = new VersionRecorder(store);
        this.gate = new ActivationGate(auditor, loopBudget, verification, originals, versions, events);
        // The background thread gets its own compiler and renderer; the audit, budget and verification are shared.
        this.background = sources == null ? null : new BackgroundGeneration(
                new SourceGeneration(sources, new TemplateUnits(new TemplateRenderer(), new JaninoCompiler()),
                        new JaninoCompiler(), auditor, loopBudget, verification),
                preparation, gate, versions, store, events, Clock.systemUTC());
    }

    @Override
    public List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods,
                                       FailureReporter reporter) {
        GenerationFacts facts = GenerationFacts.read(type.getClassLoader(), type.getName());
        List<Candidate> candidates = preparation.prepareAll(type, methods, facts,
                (registered, e) -> fail(registered.spec().displayName(), e));
        List<Method> reflected = new ArrayList<>();
        for (Candidate candidate : candidates) {
            reflected.add(candidate.method);
        }
        EnhancementLoader loader = new EnhancementLoader(type.getName(), SignatureTypes.of(type, reflected));
        Map<Template, List<Candidate>> toRender = new LinkedHashMap<>();
        List<Candidate> ready = new ArrayList<>();
        List<Candidate> upgrade = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (background != null && versions.reuse(candidate, background.sourceFingerprint(candidate))) {
                ready.add(candidate);
                continue;
            }
            if (background != null && background.due(candidate)) {
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
                }
            }
        }
        List<ActiveMethod> active = new ArrayList<>();
        Set<String> definable = new HashSet<>();
        for (Candidate candidate : ready) {
            try {
                gate.auditAndDefine(candidate, loader, definable);
                ActiveMethod method = gate.instantiate(candidate, loader, new MethodStats(), reporter);
                toPersist.put(method, candidate);
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
                        + (c.reused != null ? ", reused from " + c.key.value() : "") + ")");
            } else {
                PoetLog.info(c.displayName() + ": enhancement active (template " + c.template.domain() + " v"
                        + c.template.version() + "); LLM generation follows in the background");
            }
            if (job != null) {
                background.schedule(job);
            }
        }
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
