package dev.poet.core.engine;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.io.IOException;

import dev.poet.core.config.ConfigKeys;
import dev.poet.core.config.MethodSettings;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.train.Objective;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;

/**
 * From a registered method of a live class to a {@link Candidate}: the reflective method, its effective settings
 * and template, its key, and the identity a stored version must have to be reused.
 */
final class CandidatePreparation {

    private final TemplateRepository templates;
    private final MethodSettingsSource settings;
    private final boolean recordInputs;
    /** Null: learned values are not read (a method runs its configured parameters). */
    private final LearnedParamsStore learned;
    private final ParamBounds bounds;

    CandidatePreparation(TemplateRepository templates, MethodSettingsSource settings) {
        this(templates, settings, true, null, ParamBounds.defaults());
    }

    /**
     * @param recordInputs {@code poet.record.inputs}: copy the inputs of methods with {@code optimize-for}
     * @param learned      where Train keeps learned values, laid over the configured parameters of methods with
     *                     {@code optimize-for}; null for none
     * @param bounds       the bounds learned values are clamped into
     */
    CandidatePreparation(TemplateRepository templates, MethodSettingsSource settings, boolean recordInputs,
                         LearnedParamsStore learned, ParamBounds bounds) {
        this.templates = templates;
        this.settings = settings;
        this.recordInputs = recordInputs;
        this.learned = learned;
        this.bounds = bounds;
    }

    /**
     * @return the candidate, or null when configuration disables the method ({@code enabled=false}): then one
     *         line says so, and nothing is generated, stored or reused for it
     */
    Candidate prepare(Class<?> type, MethodRegistry.Registered registered, GenerationFacts facts)
            throws ActivationFailure {
        return prepare(type, registered, facts, null, new HashMap<>());
    }

    /**
     * Prepares the methods of one class: its declared methods are reflected once (not once per method: each
     * {@code getDeclaredMethods} copies every {@link Method}) and each template's text is hashed once. A method
     * that configuration disables is left out; one that cannot be prepared is handed to {@code failed}.
     */
    List<Candidate> prepareAll(Class<?> type, List<MethodRegistry.Registered> methods, GenerationFacts facts,
                               java.util.function.BiConsumer<MethodRegistry.Registered, ActivationFailure> failed) {
        Map<String, Method> declared = null;
        ActivationFailure unresolvable = null;
        try {
            declared = declaredMethods(type);
        } catch (ActivationFailure e) {
            unresolvable = e;
        }
        Map<Template, String> templateHashes = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (MethodRegistry.Registered registered : methods) {
            try {
                if (unresolvable != null) {
                    throw unresolvable;
                }
                Candidate candidate = prepare(type, registered, facts, declared, templateHashes);
                if (candidate != null) {
                    candidates.add(candidate);
                }
            } catch (ActivationFailure e) {
                failed.accept(registered, e);
            }
        }
        return candidates;
    }

    private Candidate prepare(Class<?> type, MethodRegistry.Registered registered, GenerationFacts facts,
                              Map<String, Method> declared, Map<Template, String> templateHashes)
            throws ActivationFailure {
        MethodSpec spec = registered.spec();
        Method method = declared == null ? findMethod(type, spec) : declared.get(spec.methodName() + spec.descriptor());
        if (method == null) {
            throw noMethod(type, spec);
        }
        List<String> parameterTypes = new ArrayList<>();
        for (Class<?> p : method.getParameterTypes()) {
            parameterTypes.add(p.getTypeName());
        }
        Map<String, String> configured = settings.settingsFor(type.getName(), method.getName(), parameterTypes);
        if (!MethodSettings.of(configured).enabled()) {
            PoetLog.info(spec.displayName() + ": disabled (" + MethodSettings.ENABLED + "=false in the "
                    + ConfigKeys.METHOD_PREFIX + type.getName() + "." + method.getName()
                    + " settings), the original runs, nothing is generated");
            return null;
        }
        String domain = SettingsMerge.domain(spec.annotation(), configured);
        Template template;
        try {
            template = templates.find(domain);
        } catch (TemplateNotFound e) {
            throw new ActivationFailure(e.getMessage());
        }
        GenerationFacts.MethodFacts methodFacts = facts.method(spec.methodName(), spec.descriptor());
        String[] names = methodFacts != null ? methodFacts.parameterNames() : defaultNames(method.getParameterCount());
        boolean namesKnown = methodFacts != null && methodFacts.parameterNamesKnown();
        configured = new java.util.LinkedHashMap<>(configured);
        String[] roles = ParameterRoles.resolve(configured, names, namesKnown, type.getName() + "." + method.getName());
        if (ParameterRoles.templateMatchesByName(template.fullSource())) {
            String warning = ParameterRoles.warning(template.domain(), type.getName(), method.getName(), roles,
                    namesKnown);
            if (warning != null) {
                PoetLog.warn(warning);
            }
        }
        Map<String, Object> params = SettingsMerge.params(template.defaults(), spec.annotation(), configured);
        MethodKey key = MethodKey.of(spec.className(), spec.methodName(), spec.descriptor(),
                loaderDiscriminator(type));
        String bodyHash = methodFacts != null ? methodFacts.bodyHash() : "unknown";
        // The template's text is part of the identity: an edited template without a version bump still regenerates.
        String fingerprint = Hashes.sha256("template|" + template.domain() + "|" + template.version() + "|"
                + templateHashes.computeIfAbsent(template, t -> Hashes.sha256(t.fullSource())) + "|"
                + new TreeMap<>(params) + "|roles=" + String.join(",", roles));
        Candidate candidate = new Candidate(registered, method, names, template, params, key, bodyHash, fingerprint);
        candidate.facts = methodFacts;
        candidate.roles = roles;
        candidate.recordInputs = recordInputs;
        candidate.explicitKeys = explicitKeys(spec.annotation(), configured, params);
        candidate.bounds = bounds;
        candidate.learned = learnedFor(candidate);
        return candidate;
    }

    /**
     * What the user set: annotation and configuration keys. A method that must not run twice has its single attempt
     * forced, so {@code retries} counts as set.
     */
    static Set<String> explicitKeys(Map<String, String> annotation, Map<String, String> configured,
                                    Map<String, Object> params) {
        Set<String> explicit = new LinkedHashSet<>(annotation.keySet());
        explicit.addAll(configured.keySet());
        explicit.remove(MethodSettings.DOMAIN);
        Object idempotent = params.get(MethodSettings.IDEMPOTENT);
        if (idempotent != null && "false".equalsIgnoreCase(idempotent.toString().trim())) {
            explicit.add(MethodSettings.RETRIES);
        }
        return explicit;
    }

    /** The learned values for the method's objective; none without optimize-for or when unreadable. */
    private Map<String, Object> learnedFor(Candidate c) {
        Object value = c.params.get(MethodSettings.OPTIMIZE_FOR);
        Optional<Objective> objective = Objective.parse(value == null ? null : value.toString());
        if (learned == null || objective.isEmpty()) {
            return Map.of();
        }
        try {
            return learned.load(c.key.value()).filter(l -> l.objective().equals(objective.get().id()))
                    .map(LearnedParams::values).orElse(Map.of());
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": learned parameters not read (" + e.getMessage()
                    + "); it runs its configured parameters");
            return Map.of();
        }
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
        throw noMethod(type, spec);
    }

    /** The declared methods by name and descriptor; the first of a (bridge) duplicate wins, as in a search. */
    private static Map<String, Method> declaredMethods(Class<?> type) throws ActivationFailure {
        try {
            Map<String, Method> byKey = new HashMap<>();
            for (Method candidate : type.getDeclaredMethods()) {
                byKey.putIfAbsent(candidate.getName() + MethodType.methodType(candidate.getReturnType(),
                        candidate.getParameterTypes()).toMethodDescriptorString(), candidate);
            }
            return byKey;
        } catch (LinkageError e) {
            throw new ActivationFailure("methods of " + type.getName() + " cannot be resolved: " + e, e);
        }
    }

    private static ActivationFailure noMethod(Class<?> type, MethodSpec spec) {
        return new ActivationFailure("no method " + spec.methodName() + spec.descriptor() + " in " + type.getName());
    }

    /** The key of {@code spec}'s method in {@code type}, as its candidate would have it. */
    String keyOf(Class<?> type, MethodSpec spec) {
        try {
            return MethodKey.of(spec.className(), spec.methodName(), spec.descriptor(), loaderDiscriminator(type))
                    .value();
        } catch (RuntimeException e) {
            return spec.displayName();
        }
    }

    /** Two copies of a class from different places (two web applications) get different keys. */
    private static String loaderDiscriminator(Class<?> type) {
        try {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null
                    || type.getClassLoader() == ClassLoader.getSystemClassLoader()) {
                return "";
            }
            return MethodKey.loaderDiscriminator(source.getLocation().toString());
        } catch (SecurityException e) {
            return "";
        }
    }

    private static String[] defaultNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "arg" + i;
        }
        return names;
    }
}
