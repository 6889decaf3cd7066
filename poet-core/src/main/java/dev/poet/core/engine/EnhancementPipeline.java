package dev.poet.core.engine;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import dev.poet.bridge.ActiveMethod;
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
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.RenderFailure;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.ClassFileFacts;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.ClassBytes;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.verify.VerificationGate;
import dev.poet.core.verify.VerificationResult;
import dev.poet.runtime.budget.LoopBudget;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * The template path from a live class to active enhancements: resolve each method, pick its domain template,
 * render all methods of one template as one unit, compile it with Janino, define it in the class's
 * {@link EnhancementLoader}, instantiate, and wire the exact original. A method that fails any step is logged
 * with its reason and left running its original body; the others go on.
 */
public final class EnhancementPipeline implements ClassActivator {

    private final TemplateRepository templates;
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final JaninoCompiler compiler = new JaninoCompiler();
    private final OriginalHandles originals;
    private final MethodSettingsSource settings;
    private final PhaseEventSink events;
    private final VersionStore store;
    private final SourceGenerator sources;
    /** Activated but not yet stored; only the generator thread touches it. */
    private final Map<ActiveMethod, Candidate> toPersist = new java.util.IdentityHashMap<>();
    private final BytecodeAuditor auditor = new BytecodeAuditor();
    private final LoopBudgetInjector loopBudget = new LoopBudgetInjector();
    private final VerificationGate verification = new VerificationGate();

    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store) {
        this(templates, originals, settings, events, store, null);
    }

    /**
     * @param sources a generator tried before the template (an LLM), or {@code null} for templates only
     */
    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events, VersionStore store, SourceGenerator sources) {
        this.store = store;
        this.sources = sources;
        this.templates = templates;
        this.originals = originals;
        this.settings = settings;
        this.events = events;
    }

    /** One method on its way to activation. */
    private static final class Candidate {
        final MethodRegistry.Registered registered;
        final Method method;
        final String[] parameterNames;
        final Template template;
        final Map<String, Object> params;
        final MethodKey key;
        final String bodyHash;
        /** The identity of a template version of this method. */
        final String templateFingerprint;
        /** The identity of the version being produced or reused: the template's, or the source generator's. */
        String fingerprint;
        /** Who produced the source, for metadata: generator, provider, model, ... */
        Map<String, String> provenance = Map.of("generator", "template");
        MethodModel model;
        /** Why this version is what it is when that is not obvious (a generator fell back); may be null. */
        String note;
        /** What the class file says about the method (names, body hash, constraints); may be null. */
        ClassFileFacts.MethodFacts facts;
        String enhancementClass;
        /** The candidate's classes as compiled or stored (audited form, before the loop budget). */
        Map<String, byte[]> classes;
        String source;
        /** Set when the classes come from a stored version. */
        StoredVersion reused;
        final Map<String, Long> timings = new LinkedHashMap<>();

        Candidate(MethodRegistry.Registered registered, Method method, String[] parameterNames, Template template,
                  Map<String, Object> params, MethodKey key, String bodyHash, String fingerprint) {
            this.registered = registered;
            this.method = method;
            this.parameterNames = parameterNames;
            this.template = template;
            this.params = params;
            this.key = key;
            this.bodyHash = bodyHash;
            this.templateFingerprint = fingerprint;
            this.fingerprint = fingerprint;
        }

        String displayName() {
            return method.getDeclaringClass().getName() + "." + method.getName();
        }
    }

    @Override
    public List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods) {
        ClassFileFacts facts = ClassFileFacts.read(type.getClassLoader(), type.getName());
        List<Candidate> candidates = new ArrayList<>();
        for (MethodRegistry.Registered registered : methods) {
            try {
                candidates.add(prepare(type, registered, facts));
            } catch (ActivationFailure e) {
                fail(registered.spec().displayName(), e);
            }
        }
        EnhancementLoader loader = new EnhancementLoader(type.getName(), applicationTypes(type, candidates));
        Map<Template, List<Candidate>> toGenerate = new LinkedHashMap<>();
        List<Candidate> ready = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (sources != null && (reuse(candidate, sourceFingerprint(candidate))
                    || generateWithSource(type, candidate, facts))) {
                ready.add(candidate);
            } else if (reuse(candidate, candidate.templateFingerprint)) {
                ready.add(candidate);
            } else {
                toGenerate.computeIfAbsent(candidate.template, t -> new ArrayList<>()).add(candidate);
            }
        }
        for (Map.Entry<Template, List<Candidate>> group : toGenerate.entrySet()) {
            List<Candidate> unit = group.getValue();
            try {
                generate(type, group.getKey(), unit, loader);
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
                active.add(method);
            } catch (ActivationFailure e) {
                fail(candidate.displayName(), e);
            }
        }
        return active;
    }

    private Candidate prepare(Class<?> type, MethodRegistry.Registered registered, ClassFileFacts facts)
            throws ActivationFailure {
        MethodSpec spec = registered.spec();
        Method method = findMethod(type, spec);
        List<String> parameterTypes = new ArrayList<>();
        for (Class<?> p : method.getParameterTypes()) {
            parameterTypes.add(p.getTypeName());
        }
        Map<String, String> configured = settings.settingsFor(type.getName(), method.getName(), parameterTypes);
        String domain = SettingsMerge.domain(spec.annotation(), configured);
        Template template;
        try {
            template = templates.find(domain);
        } catch (TemplateNotFound e) {
            throw new ActivationFailure(e.getMessage());
        }
        ClassFileFacts.MethodFacts methodFacts = facts.method(spec.methodName(), spec.descriptor());
        String[] names = methodFacts != null ? methodFacts.parameterNames() : defaultNames(method.getParameterCount());
        Map<String, Object> params = SettingsMerge.params(template.defaults(), spec.annotation(), configured);
        MethodKey key = MethodKey.of(spec.className(), spec.methodName(), spec.descriptor(),
                loaderDiscriminator(type));
        String bodyHash = methodFacts != null ? methodFacts.bodyHash() : "unknown";
        String fingerprint = sha256("template|" + template.domain() + "|" + template.version() + "|"
                + sha256(template.source()) + "|" + new java.util.TreeMap<>(params));
        Candidate candidate = new Candidate(registered, method, names, template, params, key, bodyHash, fingerprint);
        candidate.facts = methodFacts;
        return candidate;
    }

    private void generate(Class<?> type, Template template, List<Candidate> unit, EnhancementLoader loader)
            throws ActivationFailure {
        List<MethodModel> models = new ArrayList<>();
        for (int i = 0; i < unit.size(); i++) {
            Candidate c = unit.get(i);
            c.model = MethodModel.forMethod("M" + i, c.key.value(), c.method, c.parameterNames, c.facts);
            models.add(c.model);
        }
        String unitName = unitName(type, template, unit);
        long start = System.nanoTime();
        String source;
        try {
            source = renderer.render(template, unitName, type.getName(), models);
        } catch (RenderFailure e) {
            throw new ActivationFailure(e.getMessage(), e);
        }
        long rendered = System.nanoTime();
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(unitName + ".java", source, loader.compilationView());
        } catch (CompilationFailure e) {
            throw new ActivationFailure("generated source (template '" + template.domain() + "' v"
                    + template.version() + ") does not compile: " + e.getMessage(), e);
        }
        long compiled = System.nanoTime();
        String outer = TemplateRenderer.PACKAGE + "." + unitName;
        for (Candidate c : unit) {
            c.enhancementClass = outer + "$" + c.model.nested;
            c.classes = classesOf(classes, outer, c.enhancementClass);
            // Each version stores the source of its own class, not the whole unit (which grows with the class).
            c.source = unit.size() == 1 ? source : renderOne(template, unitName, type, c);
            c.timings.put("render", (rendered - start) / 1_000_000);
            c.timings.put("compile", (compiled - rendered) / 1_000_000);
        }
    }

    private ActiveMethod instantiate(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        Method method = c.method;
        MethodStats stats = new MethodStats();
        MethodContext context = new MethodContext(c.registered.id(), c.key.value(), method.getDeclaringClass().getName(),
                method.getName(), c.registered.spec().descriptor(), method.getParameterTypes(), c.parameterNames,
                method.getReturnType(), method.getExceptionTypes(), Modifier.isStatic(method.getModifiers()),
                Modifier.isSynchronized(method.getModifiers()), c.template.domain(),
                new ParamsRef(Params.of(c.params)), VerificationGate.muted(new CountingSink(stats, events)), stats);
        Enhancement enhancement;
        try {
            Class<?> generated = Class.forName(c.enhancementClass, true, loader);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                throw new ActivationFailure(c.enhancementClass + " does not implement " + Enhancement.class.getName());
            }
            Constructor<?> constructor = generated.getConstructor(MethodContext.class);
            // Generated constructors and initialisers count against a fresh budget, not the generator thread's.
            long saved = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
            try {
                enhancement = (Enhancement) constructor.newInstance(context);
            } finally {
                LoopBudget.end(saved);
            }
        } catch (ActivationFailure e) {
            throw e;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new ActivationFailure("generated class " + c.enhancementClass + " could not be instantiated: " + cause, cause);
        }
        VerificationResult verified = verification.verify(enhancement, context, method);
        if (!verified.isPassed()) {
            String reason = "verification rejected the generated code: " + verified.describe();
            if (c.reused == null) {
                record(c, VersionStatus.REJECTED, reason);
            }
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
            String version = record(c, VersionStatus.ACTIVE, null);
            method.storedAs(version);
            PoetLog.info(c.displayName() + ": enhancement " + version + " active (" + c.provenance.get("generator")
                    + " " + c.template.domain() + " v" + c.template.version()
                    + (c.reused != null ? ", reused from " + c.key.value() : "") + ")");
        }
    }

    /** Where the engine records real calls as verification samples (see {@link dev.poet.core.verify.SampleRecorder}). */
    public dev.poet.core.verify.SampleRecorder samples() {
        return verification.samples();
    }

    /** Uses a stored version when the method, its template and its configuration are unchanged. */
    private boolean reuse(Candidate c, String fingerprint) {
        try {
            StoredVersion stored = store.findReusable(c.key, c.bodyHash, c.template.version(), fingerprint)
                    .orElse(null);
            if (stored == null || stored.metadata().enhancementClass() == null) {
                return false;
            }
            c.fingerprint = fingerprint;
            c.classes = stored.classBytes().asMap();
            c.enhancementClass = stored.metadata().enhancementClass();
            c.reused = stored;
            return true;
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": stored versions unreadable, generating anew: " + e.getMessage());
            return false;
        }
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
            String reason = audit.describe();
            if (c.reused == null) {
                record(c, VersionStatus.REJECTED, reason);
            }
            throw new ActivationFailure(reason);
        }
        loader.addClasses(loopBudget.inject(c.classes));
    }

    /** Stores a fresh version (or makes a reused one current) and returns its name. */
    private String record(Candidate c, VersionStatus status, String reason) {
        try {
            if (c.reused != null) {
                if (!c.reused.name().equals(store.currentName(c.key).orElse(null))) {
                    store.activate(c.key, c.reused.name());
                }
                return c.reused.name();
            }
            VersionMetadata.Builder meta = VersionMetadata.builder()
                    .generator(c.provenance.getOrDefault("generator", "template"))
                    .provider(c.provenance.get("provider")).model(c.provenance.get("model"))
                    .promptHash(c.provenance.get("prompt-hash"))
                    .templateDomain(c.template.domain()).templateVersion(c.template.version())
                    .bytecodeHash(c.bodyHash).configFingerprint(c.fingerprint).status(status)
                    .reason(reason != null ? reason : c.note)
                    .audit(status == VersionStatus.REJECTED
                            ? dev.poet.core.store.AuditResult.reject(reason) : dev.poet.core.store.AuditResult.pass())
                    .enhancementClass(c.enhancementClass);
            c.timings.forEach(meta::timing);
            StoredVersion saved = store.save(c.key, c.source, ClassBytes.of(c.classes), c.params, meta.build(),
                    status == VersionStatus.ACTIVE);
            return saved.name();
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": version not stored (" + e.getMessage() + "); it runs from memory");
            return "unsaved";
        }
    }

    private String renderOne(Template template, String unitName, Class<?> type, Candidate c) {
        try {
            return renderer.render(template, unitName, type.getName(), List.of(c.model));
        } catch (RenderFailure e) {
            return "// not rendered alone: " + e.getMessage();
        }
    }

    private String sourceFingerprint(Candidate c) {
        return sha256("source|" + sources.fingerprint() + "|" + c.templateFingerprint);
    }

    /**
     * Asks the source generator for this method's enhancement; every answer goes through the same gate as a
     * template's (compile, audit, instantiate), and the reason of a rejection goes back to the generator.
     */
    private boolean generateWithSource(Class<?> type, Candidate c, ClassFileFacts facts) {
        String className = TemplateRenderer.PACKAGE + ".Poet_" + type.getSimpleName().replaceAll("[^A-Za-z0-9_]", "_")
                + "_" + c.method.getName() + "_" + crc(c.key.value() + System.nanoTime());
        String example = null;
        try {
            MethodModel model = MethodModel.forMethod("M0", c.key.value(), c.method, c.parameterNames, c.facts);
            example = renderer.render(c.template, "Example", type.getName(), List.of(model));
        } catch (RenderFailure e) {
            // The generator works without an example.
        }
        Object objective = c.params.get("optimize-for");
        GenerationRequest request = new GenerationRequest(c.method, className, c.parameterNames, c.template, example,
                c.params, objective == null ? null : objective.toString(), facts.classFile());
        Map<String, Class<?>> visible = applicationTypes(type, List.of(c));
        SourceCheck check = source -> checkSource(c, className, source, visible);
        long start = System.nanoTime();
        try {
            GeneratedSource generated = sources.generate(request, check);
            c.classes = new LinkedHashMap<>(generated.classes());
            c.source = generated.source();
            c.enhancementClass = className;
            c.provenance = generated.provenance();
            c.fingerprint = sourceFingerprint(c);
            c.timings.put("generate", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (GenerationFailure | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": generator failed, the template is used: " + e.getMessage());
            // Recorded with the template's version, so metadata.json says why this method is not LLM-generated.
            c.note = "the source generator gave no acceptable answer (" + e.getMessage() + "); the template is used";
            return false;
        }
    }

    private SourceCheck.Result checkSource(Candidate c, String className, String source, Map<String, Class<?>> visible) {
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
        try {
            Class<?> generated = Class.forName(className, true, scratch);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                return SourceCheck.Result.fail(className + " does not implement " + Enhancement.class.getName());
            }
            generated.getConstructor(MethodContext.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return SourceCheck.Result.fail(className + " cannot be loaded: " + e);
        }
        return SourceCheck.Result.pass(classes);
    }

    @Override
    public void quarantined(ActiveMethod method, String reason) {
        try {
            MethodKey key = MethodKey.parse(method.context().key());
            store.markStatus(key, method.version(), VersionStatus.QUARANTINED, reason);
            store.deactivate(key);
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(method.context().className() + "." + method.context().methodName()
                    + ": quarantine not recorded: " + e.getMessage());
        }
    }

    private static Map<String, byte[]> classesOf(Map<String, byte[]> unit, String outer, String enhancementClass) {
        Map<String, byte[]> mine = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : unit.entrySet()) {
            String name = entry.getKey();
            if (name.equals(outer) || name.equals(enhancementClass) || name.startsWith(enhancementClass + "$")) {
                mine.put(name, entry.getValue());
            }
        }
        return mine;
    }

    private static String loaderDiscriminator(Class<?> type) {
        try {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || type.getClassLoader() == ClassLoader.getSystemClassLoader()) {
                return "";
            }
            return MethodKey.loaderDiscriminator(source.getLocation().toString());
        } catch (SecurityException e) {
            return "";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fail(String method, ActivationFailure e) {
        PoetLog.warn(method + ": not enhanced, the original runs: " + e.getMessage());
    }

    private static Method findMethod(Class<?> type, MethodSpec spec) throws ActivationFailure {
        try {
            for (Method candidate : type.getDeclaredMethods()) {
                if (candidate.getName().equals(spec.methodName())
                        && MethodType.methodType(candidate.getReturnType(), candidate.getParameterTypes())
                        .toMethodDescriptorString().equals(spec.descriptor())) {
                    return candidate;
                }
            }
        } catch (LinkageError e) {
            throw new ActivationFailure("methods of " + type.getName() + " cannot be resolved: " + e, e);
        }
        throw new ActivationFailure("no method " + spec.methodName() + spec.descriptor() + " in " + type.getName());
    }

    private static Map<String, Class<?>> applicationTypes(Class<?> type, List<Candidate> candidates) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        addApplicationType(types, type);
        for (Candidate c : candidates) {
            for (Class<?> p : c.method.getParameterTypes()) {
                addApplicationType(types, p);
            }
            addApplicationType(types, c.method.getReturnType());
            for (Class<?> e : c.method.getExceptionTypes()) {
                addApplicationType(types, e);
            }
        }
        return types;
    }

    /** Every type of the signature, JDK ones included: generated code may name them; the audit rules their members. */
    private static void addApplicationType(Map<String, Class<?>> types, Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (!type.isPrimitive()) {
            types.put(type.getName(), type);
        }
    }

    private static String[] defaultNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "arg" + i;
        }
        return names;
    }

    private static String unitName(Class<?> type, Template template, List<Candidate> unit) {
        StringBuilder identity = new StringBuilder(type.getName()).append('|').append(template.domain())
                .append('|').append(template.version());
        for (Candidate c : unit) {
            identity.append('|').append(c.key.value());
        }
        identity.append('|').append(System.nanoTime());
        return "Poet_" + type.getSimpleName().replaceAll("[^A-Za-z0-9_]", "_") + "_" + crc(identity.toString());
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
