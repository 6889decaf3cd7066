package dev.poet.llm;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.CompilationFailure;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.SourceCheck;

/**
 * The same gate as {@code EnhancementPipeline.checkSource}: Janino compilation against the restricted loader,
 * the bytecode audit for the method, loop budget, loading and the constructor. Records every problem it reported.
 */
public final class RealCheck implements SourceCheck {

    private final Method method;
    private final String className;
    private final JaninoCompiler compiler = new JaninoCompiler();
    private final BytecodeAuditor auditor = new BytecodeAuditor();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    public RealCheck(Method method, String className) {
        this.method = method;
        this.className = className;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public Result check(String source) {
        Result r = doCheck(source);
        if (!r.passed()) {
            problems.add(r.problems());
        }
        return r;
    }

    private Result doCheck(String source) {
        EnhancementLoader scratch = new EnhancementLoader(method.getDeclaringClass().getName(),
                Map.of(method.getDeclaringClass().getName(), method.getDeclaringClass()));
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(className.substring(className.lastIndexOf('.') + 1) + ".java", source,
                    scratch.compilationView());
        } catch (CompilationFailure e) {
            return Result.fail("compile error: " + e.getMessage());
        }
        if (!classes.containsKey(className)) {
            return Result.fail("the source must define the class " + className + "; it defines " + classes.keySet());
        }
        AuditResult audit = auditor.audit(classes, AuditPolicy.forMethod(method));
        if (!audit.isPassed()) {
            return Result.fail(audit.describe());
        }
        scratch.addClasses(new LoopBudgetInjector().inject(classes));
        try {
            Class<?> generated = Class.forName(className, true, scratch);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                return Result.fail(className + " does not implement " + Enhancement.class.getName());
            }
            generated.getConstructor(MethodContext.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Result.fail(className + " cannot be loaded: " + e);
        }
        return Result.pass(classes);
    }
}
