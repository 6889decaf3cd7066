package dev.poet.core.engine;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.ClassFileFacts;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;

/**
 * From a registered method of a live class to a {@link Candidate}: the reflective method, its effective settings
 * and template, its key, and the identity a stored version must have to be reused.
 */
final class CandidatePreparation {

    private final TemplateRepository templates;
    private final MethodSettingsSource settings;

    CandidatePreparation(TemplateRepository templates, MethodSettingsSource settings) {
        this.templates = templates;
        this.settings = settings;
    }

    Candidate prepare(Class<?> type, MethodRegistry.Registered registered, ClassFileFacts facts)
            throws ActivationFailure {
        return prepare(type, registered, facts, null, new HashMap<>());
    }

    /**
     * Prepares the methods of one class: its declared methods are reflected once (not once per method: each
     * {@code getDeclaredMethods} copies every {@link Method}) and each template's text is hashed once.
     */
    List<Candidate> prepareAll(Class<?> type, List<MethodRegistry.Registered> methods, ClassFileFacts facts,
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
                candidates.add(prepare(type, registered, facts, declared, templateHashes));
            } catch (ActivationFailure e) {
                failed.accept(registered, e);
            }
        }
        return candidates;
    }

    private Candidate prepare(Class<?> type, MethodRegistry.Registered registered, ClassFileFacts facts,
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
        // The template's text is part of the identity: an edited template without a version bump still regenerates.
        String fingerprint = Hashes.sha256("template|" + template.domain() + "|" + template.version() + "|"
                + templateHashes.computeIfAbsent(template, t -> Hashes.sha256(t.source())) + "|"
                + new TreeMap<>(params));
        Candidate candidate = new Candidate(registered, method, names, template, params, key, bodyHash, fingerprint);
        candidate.facts = methodFacts;
        return candidate;
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
