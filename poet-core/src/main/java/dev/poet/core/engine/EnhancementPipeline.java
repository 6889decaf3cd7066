package dev.poet.core.engine;

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
import dev.poet.core.compile.CompilationFailure;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.RenderFailure;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRenderer;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.ClassFileFacts;
import dev.poet.core.model.MethodSpec;
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

    public EnhancementPipeline(TemplateRepository templates, OriginalHandles originals, MethodSettingsSource settings,
                               PhaseEventSink events) {
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
        final String key;
        MethodModel model;
        String enhancementClass;

        Candidate(MethodRegistry.Registered registered, Method method, String[] parameterNames, Template template,
                  Map<String, Object> params, String key) {
            this.registered = registered;
            this.method = method;
            this.parameterNames = parameterNames;
            this.template = template;
            this.params = params;
            this.key = key;
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
        Map<Template, List<Candidate>> byTemplate = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byTemplate.computeIfAbsent(candidate.template, t -> new ArrayList<>()).add(candidate);
        }
        List<ActiveMethod> active = new ArrayList<>();
        for (Map.Entry<Template, List<Candidate>> group : byTemplate.entrySet()) {
            List<Candidate> unit = group.getValue();
            try {
                generate(type, group.getKey(), unit, loader);
            } catch (ActivationFailure e) {
                for (Candidate candidate : unit) {
                    fail(candidate.displayName(), e);
                }
                continue;
            }
            for (Candidate candidate : unit) {
                try {
                    active.add(instantiate(candidate, loader));
                } catch (ActivationFailure e) {
                    fail(candidate.displayName(), e);
                }
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
        return new Candidate(registered, method, names, template, params, methodKey(spec));
    }

    private void generate(Class<?> type, Template template, List<Candidate> unit, EnhancementLoader loader)
            throws ActivationFailure {
        List<MethodModel> models = new ArrayList<>();
        for (int i = 0; i < unit.size(); i++) {
            Candidate c = unit.get(i);
            c.model = new MethodModel("M" + i, c.key, c.method.getName(), type.getName(), c.method.getReturnType(),
                    Modifier.isSynchronized(c.method.getModifiers()), c.method.getParameterTypes(), c.parameterNames);
            models.add(c.model);
        }
        String unitName = unitName(type, template, unit);
        String source;
        try {
            source = renderer.render(template, unitName, type.getName(), models);
        } catch (RenderFailure e) {
            throw new ActivationFailure(e.getMessage(), e);
        }
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(unitName + ".java", source, loader);
        } catch (CompilationFailure e) {
            throw new ActivationFailure("generated source (template '" + template.domain() + "' v"
                    + template.version() + ") does not compile: " + e.getMessage(), e);
        }
        loader.addClasses(classes);
        for (Candidate c : unit) {
            c.enhancementClass = TemplateRenderer.PACKAGE + "." + unitName + "$" + c.model.nested;
        }
    }

    private ActiveMethod instantiate(Candidate c, EnhancementLoader loader) throws ActivationFailure {
        Method method = c.method;
        MethodStats stats = new MethodStats();
        MethodContext context = new MethodContext(c.registered.id(), c.key, method.getDeclaringClass().getName(),
                method.getName(), c.registered.spec().descriptor(), method.getParameterTypes(), c.parameterNames,
                method.getReturnType(), method.getExceptionTypes(), Modifier.isStatic(method.getModifiers()),
                Modifier.isSynchronized(method.getModifiers()), c.template.domain(),
                new ParamsRef(Params.of(c.params)), new CountingSink(stats, events), stats);
        Enhancement enhancement;
        try {
            Class<?> generated = Class.forName(c.enhancementClass, true, loader);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                throw new ActivationFailure(c.enhancementClass + " does not implement " + Enhancement.class.getName());
            }
            Constructor<?> constructor = generated.getConstructor(MethodContext.class);
            enhancement = (Enhancement) constructor.newInstance(context);
        } catch (ActivationFailure e) {
            throw e;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new ActivationFailure("generated class " + c.enhancementClass + " could not be instantiated: " + cause, cause);
        }
        MethodHandle original;
        try {
            original = originals.originalOf(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ActivationFailure("no exact handle on the original: " + e, e);
        }
        PoetLog.info(c.displayName() + ": enhancement active (template " + c.template.domain() + " v"
                + c.template.version() + ")");
        return new ActiveMethod(context, enhancement, original, "v1");
    }

    @Override
    public void quarantined(ActiveMethod method, String reason) {
        // Versions are not stored yet; nothing to mark.
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

    private static void addApplicationType(Map<String, Class<?>> types, Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (!type.isPrimitive() && type.getClassLoader() != null) {
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

    private static String methodKey(MethodSpec spec) {
        return spec.className() + "#" + spec.methodName() + "-" + crc(spec.descriptor());
    }

    private static String unitName(Class<?> type, Template template, List<Candidate> unit) {
        StringBuilder identity = new StringBuilder(type.getName()).append('|').append(template.domain())
                .append('|').append(template.version());
        for (Candidate c : unit) {
            identity.append('|').append(c.key);
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
