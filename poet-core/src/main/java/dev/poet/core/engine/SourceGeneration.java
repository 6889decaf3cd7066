package dev.poet.core.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.CompilationFailure;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * Asks a {@link SourceGenerator} (an LLM) for one method's enhancement. Every answer goes through the same gate as
 * a template's (compile, audit, load), and the exact reason of a rejection goes back to the generator for repair.
 */
final class SourceGeneration {

    private final SourceGenerator sources;
    private final TemplateUnits units;
    private final JaninoCompiler compiler;
    private final BytecodeAuditor auditor;
    private final LoopBudgetInjector loopBudget;
    private final VerificationGate verification;

    SourceGeneration(SourceGenerator sources, TemplateUnits units, JaninoCompiler compiler, BytecodeAuditor auditor,
                     LoopBudgetInjector loopBudget, VerificationGate verification) {
        this.verification = verification;
        this.sources = sources;
        this.units = units;
        this.compiler = compiler;
        this.auditor = auditor;
        this.loopBudget = loopBudget;
    }

    /** The identity of this generator's version of the candidate: a restart with the same one asks nothing. */
    String fingerprint(Candidate c) {
        return Hashes.sha256("source|" + sources.fingerprint() + "|" + c.templateFingerprint);
    }

    /**
     * Who this generator is, for events about a generation that produced nothing: {@code generator=llm} and the
     * {@code provider} and {@code model} its fingerprint names ({@code key=value} parts separated by {@code |}).
     */
    Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("generator", "llm");
        try {
            for (String part : sources.fingerprint().split("\\|")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String key = part.substring(0, eq).trim();
                    if (key.equals("provider") || key.equals("model")) {
                        p.put(key, part.substring(eq + 1).trim());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Described without them.
        }
        return p;
    }

    /** The generator's wait after a failed generation, before the pipeline's doubling. */
    long retryDelayMs() {
        return sources.retryDelayMs();
    }

    /** True when the candidate now holds checked classes from the generator. */
    boolean generate(Class<?> type, Candidate c, GenerationFacts facts) {
        String className = TemplateRenderer.PACKAGE + ".Poet_" + type.getSimpleName().replaceAll("[^A-Za-z0-9_]", "_")
                + "_" + c.method.getName() + "_" + Hashes.crc(c.key.value() + System.nanoTime());
        Object objective = c.params.get("optimize-for");
        GenerationRequest request = new GenerationRequest(c.method, className, c.parameterNames, c.template,
                c.example != null ? c.example : units.example(type, c), c.params,
                objective == null ? null : objective.toString(), facts.classFile(), c.evidence);
        Map<String, Class<?>> visible = SignatureTypes.of(type, List.of(c.method));
        SourceCheck check = source -> check(c, className, source, visible);
        long start = System.nanoTime();
        try {
            GeneratedSource generated = sources.generate(request, check);
            c.classes = new LinkedHashMap<>(generated.classes());
            c.source = generated.source();
            c.enhancementClass = className;
            c.provenance = generated.provenance();
            c.fingerprint = fingerprint(c);
            c.timings.put("generate", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (GenerationFailure | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": generator failed, the template is used: " + e.getMessage());
            // Recorded with the template's version, so metadata.json says why this method is not LLM-generated.
            c.note = "the source generator gave no acceptable answer (" + e.getMessage() + "); the template is used";
            return false;
        }
    }

    private SourceCheck.Result check(Candidate c, String className, String source, Map<String, Class<?>> visible) {
        EnhancementLoader scratch = new EnhancementLoader(c.method.getDeclaringClass().getName(), visible);
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(className.substring(className.lastIndexOf('.') + 1) + ".java", source,
                    scratch.compilationView());
        } catch (CompilationFailure e) {
            return SourceCheck.Result.fail("compile error: " + e.getMessage());
        }
        if (!classes.containsKey(className)) {
            return SourceCheck.Result.fail("the source must define the class " + className + "; it defines "
                    + classes.keySet());
        }
        AuditResult audit = auditor.audit(classes, AuditPolicy.forMethod(c.method));
        if (!audit.isPassed()) {
            return SourceCheck.Result.fail(audit.describe());
        }
        scratch.addClasses(loopBudget.inject(classes));
        MethodContext context = c.context(PhaseEventSink.NONE, new MethodStats());
        Enhancement enhancement;
        try {
            enhancement = GeneratedClasses.construct(className, scratch, context);
        } catch (ActivationFailure e) {
            return SourceCheck.Result.fail(e.getMessage());
        }
        // The same verification the pipeline runs before activation: its reason goes back for repair too.
        VerificationResult verified = verification.verify(enhancement, context, c.method);
        if (!verified.isPassed()) {
            return SourceCheck.Result.fail("verification rejected the class: " + verified.describe());
        }
        return SourceCheck.Result.pass(classes);
    }
}
