package dev.poet.core.templates;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.objectweb.asm.Type;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.core.audit.AuditFinding;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.core.budget.LoopBudgetInjector;
import dev.poet.core.compile.CompilationFailure;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.RenderFailure;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * Tries a template on one method the way the pipeline builds an enhancement, without an application: render,
 * compile with Janino against what generated code may see, audit the bytes, inject the loop budget, load it in an
 * {@link EnhancementLoader} of its own, and verify Perceive and Enforce on sample values synthesised from the
 * signature. Nothing is activated and nothing is written. Thread-safe.
 */
public final class TemplateTrial {

    /** Ids for the trial's method contexts: far from the slot table's, and never dispatched to. */
    private static final AtomicLong IDS = new AtomicLong(0x7000_0000L);
    private static final Pattern TAG = Pattern.compile("\\{\\{[^}]*}}");
    static final String SOURCE_FILE = "Enhancement.java.mustache";

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final JaninoCompiler compiler = new JaninoCompiler();
    private final BytecodeAuditor auditor = new BytecodeAuditor();
    private final LoopBudgetInjector loopBudget = new LoopBudgetInjector();
    private final VerificationGate verification = new VerificationGate();

    /** Tries {@code template} on the sample method of its domain. */
    public TrialResult onSample(Template template) {
        return on(template, SampleMethods.forDomain(template.domain()), Map.of());
    }

    /**
     * Tries {@code template} on {@code method}.
     *
     * @param overrides parameters over the template's defaults (the method's configuration)
     */
    public TrialResult on(Template template, Method method, Map<String, String> overrides) {
        try {
            return attempt(template, method, overrides);
        } catch (RuntimeException | LinkageError e) {
            // A failure of ours (the auditor, the loop budget injector) refuses the version; it never escapes.
            return new TrialResult(method.getDeclaringClass().getName() + "." + method.getName(), null, Map.of(),
                    null, new TrialProblem("internal", null, 0, "the trial failed inside POET: " + e), List.of(),
                    Map.of());
        }
    }

    private TrialResult attempt(Template template, Method method, Map<String, String> overrides) {
        Class<?> type = method.getDeclaringClass();
        String descriptor = Type.getMethodDescriptor(method);
        String display = type.getName() + "." + method.getName() + descriptor;
        Map<String, Long> timings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int id = (int) (IDS.incrementAndGet() & 0x7fff_ffff);
        String unit = "Trial_" + template.domain() + "_" + Integer.toHexString(id);
        String key = "trial~" + method.getName();
        String[] names = parameterNames(method, descriptor);
        long start = System.nanoTime();
        String source;
        try {
            source = renderer.render(template, unit, type.getName(),
                    List.of(MethodModel.forMethod("M0", key, method, names)));
        } catch (RenderFailure e) {
            return new TrialResult(display, null, Map.of(), null, renderProblem(template, e), notes, timings);
        } catch (RuntimeException e) {
            return new TrialResult(display, null, Map.of(), null,
                    new TrialProblem("render", SOURCE_FILE, 0, String.valueOf(e)), notes, timings);
        }
        timings.put("render", millisSince(start));
        Map<String, Class<?>> appTypes = new LinkedHashMap<>();
        appTypes.put(type.getName(), type);
        for (Class<?> p : method.getParameterTypes()) {
            addAppType(appTypes, p);
        }
        addAppType(appTypes, method.getReturnType());
        EnhancementLoader loader = new EnhancementLoader(type.getName(), appTypes);
        String enhancementClass = TemplateRenderer.PACKAGE + "." + unit + "$M0";
        long compileStart = System.nanoTime();
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(unit + ".java", source, loader.compilationView());
        } catch (CompilationFailure e) {
            return new TrialResult(display, source, Map.of(), null, compileProblem(template, source, e), notes,
                    timings);
        }
        timings.put("compile", millisSince(compileStart));
        long auditStart = System.nanoTime();
        AuditResult audit = auditor.audit(classes, AuditPolicy.forMethod(method));
        timings.put("audit", millisSince(auditStart));
        if (!audit.isPassed()) {
            return new TrialResult(display, source, classes, enhancementClass, auditProblem(template, audit), notes,
                    timings);
        }
        if (!classes.containsKey(enhancementClass)) {
            return new TrialResult(display, source, classes, null, new TrialProblem("load", SOURCE_FILE, 0,
                    "the source defines no class " + enhancementClass + " (a template renders one nested class per"
                            + " method, named {{nested}}, inside the class {{unit}})"), notes, timings);
        }
        long verifyStart = System.nanoTime();
        try {
            loader.addClasses(loopBudget.inject(classes));
            Map<String, Object> params = new LinkedHashMap<>(template.defaults());
            params.putAll(overrides);
            MethodContext context = new MethodContext(id, key, type.getName(), method.getName(), descriptor,
                    method.getParameterTypes(), names, method.getReturnType(), method.getExceptionTypes(),
                    Modifier.isStatic(method.getModifiers()), Modifier.isSynchronized(method.getModifiers()),
                    template.domain(), new ParamsRef(Params.of(params)), PhaseEventSink.NONE, new MethodStats(),
                    RecordingPolicy.of(null, true));
            Class<?> generated = Class.forName(enhancementClass, true, loader);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                return new TrialResult(display, source, classes, enhancementClass, new TrialProblem("load",
                        SOURCE_FILE, 0, enhancementClass + " does not implement " + Enhancement.class.getName()),
                        notes, timings);
            }
            Enhancement enhancement = (Enhancement) generated.getConstructor(MethodContext.class).newInstance(context);
            VerificationResult verdict = verification.verify(enhancement, context, method);
            timings.put("verify", millisSince(verifyStart));
            notes.addAll(verdict.notes());
            if (!verdict.isPassed()) {
                return new TrialResult(display, source, classes, enhancementClass,
                        new TrialProblem("verify", null, 0, verdict.describe()), notes, timings);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            // A parameter the source reads without a default is a gap in template.properties, not in the source.
            String file = cause instanceof dev.poet.runtime.params.MissingParameterException ? "template.properties"
                    : SOURCE_FILE;
            return new TrialResult(display, source, classes, enhancementClass, new TrialProblem("load", file,
                    0, "the enhancement could not be loaded or constructed: " + cause), notes, timings);
        }
        return new TrialResult(display, source, classes, enhancementClass, null, notes, timings);
    }

    private static void addAppType(Map<String, Class<?>> appTypes, Class<?> t) {
        Class<?> c = t;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (!c.isPrimitive() && c.getClassLoader() != null) {
            appTypes.putIfAbsent(c.getName(), c);
        }
    }

    private static String[] parameterNames(Method method, String descriptor) {
        try {
            Class<?> type = method.getDeclaringClass();
            GenerationFacts.MethodFacts facts = GenerationFacts.read(type.getClassLoader(), type.getName())
                    .method(method.getName(), descriptor);
            if (facts != null && facts.parameterNames() != null
                    && facts.parameterNames().length == method.getParameterCount()) {
                return facts.parameterNames();
            }
        } catch (RuntimeException e) {
            // Falls back to arg0, arg1, ... as the pipeline does for a class file it cannot read.
        }
        String[] names = new String[method.getParameterCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = "arg" + i;
        }
        return names;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Mustache names the line of the text it was parsing: the template's source or one of its partials. */
    private static TrialProblem renderProblem(Template template, RenderFailure e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        int line = 0;
        Matcher m = Pattern.compile("@ line (\\d+)").matcher(message);
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        String file = SOURCE_FILE;
        Matcher partial = Pattern.compile("partial '([A-Za-z0-9_-]+)'").matcher(message);
        if (partial.find() && template.partials().containsKey(partial.group(1))) {
            file = "_shared/" + partial.group(1) + ".mustache";
        }
        return new TrialProblem("render", file, line, message);
    }

    /**
     * Janino names the line of the generated source; the template line that produced it is found by matching the
     * generated line against each template line with its tags as wildcards (when exactly one matches).
     */
    private static TrialProblem compileProblem(Template template, String source, CompilationFailure e) {
        int generatedLine = 0;
        if (e.getCause() instanceof CompileException) {
            Location location = ((CompileException) e.getCause()).getLocation();
            if (location != null) {
                generatedLine = location.getLineNumber();
            }
        }
        String[] generated = source.split("\n", -1);
        String text = generatedLine > 0 && generatedLine <= generated.length ? generated[generatedLine - 1].trim() : null;
        String reason = e.getMessage();
        if (text != null) {
            reason = reason + " (generated line " + generatedLine + ": " + shorten(text) + ")";
        }
        int[] where = text == null ? null : templateLine(template, text);
        if (where == null) {
            return new TrialProblem("compile", SOURCE_FILE, 0, reason);
        }
        String file = where[0] < 0 ? SOURCE_FILE
                : "_shared/" + new java.util.TreeSet<>(template.partials().keySet()).toArray(new String[0])[where[0]]
                + ".mustache";
        return new TrialProblem("compile", file, where[1], reason);
    }

    /** {file index (-1 the source, else the sorted partial index), line}, or {@code null} unless one line matches. */
    private static int[] templateLine(Template template, String generatedText) {
        if (generatedText.isEmpty()) {
            return null;
        }
        List<int[]> hits = new ArrayList<>();
        collect(template.source(), -1, generatedText, hits);
        int i = 0;
        for (String name : new java.util.TreeSet<>(template.partials().keySet())) {
            collect(template.partials().get(name), i++, generatedText, hits);
        }
        return hits.size() == 1 ? hits.get(0) : null;
    }

    private static void collect(String text, int file, String generatedText, List<int[]> hits) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty() || (line.startsWith("{{") && line.endsWith("}}") && TAG.matcher(line).replaceAll("").isEmpty())) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            Matcher m = TAG.matcher(line);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(line.substring(last, m.start()))).append(".*?");
                last = m.end();
            }
            regex.append(Pattern.quote(line.substring(last)));
            if (Pattern.compile(regex.toString()).matcher(generatedText).matches()) {
                hits.add(new int[]{file, n + 1});
            }
        }
    }

    private static TrialProblem auditProblem(Template template, AuditResult audit) {
        List<AuditFinding> findings = audit.findings();
        String reason = "the audit refused the compiled code: " + audit.describe();
        if (findings.isEmpty()) {
            return new TrialProblem("audit", SOURCE_FILE, 0, reason);
        }
        // The first finding's member, found on one template line, points at the line to change.
        AuditFinding first = findings.get(0);
        String simple = first.owner().substring(first.owner().lastIndexOf('.') + 1);
        String member = first.member();
        String[] lines = template.source().split("\n", -1);
        int found = 0;
        for (int n = 0; n < lines.length && found == 0; n++) {
            String l = lines[n];
            if (member != null && !member.startsWith("<") && l.contains(member + "(") && l.contains(simple)) {
                found = n + 1;
            }
        }
        for (int n = 0; n < lines.length && found == 0; n++) {
            if (lines[n].contains(simple) && !lines[n].trim().startsWith("import ")) {
                found = n + 1;
            }
        }
        return new TrialProblem("audit", SOURCE_FILE, found, reason);
    }

    private static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
