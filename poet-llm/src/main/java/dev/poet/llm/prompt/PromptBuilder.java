package dev.poet.llm.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.core.generate.GenerationRequest;

/**
 * Assembles the prompt for one {@link GenerationRequest}. Every part that can grow (bytecode summary, source,
 * example) is bounded, so a huge class cannot blow the model's context or our memory.
 */
public final class PromptBuilder {

    /**
     * The version of the prompt's wording and structure. It is part of the generator's fingerprint: changing the
     * prompt in a way that should produce different code means bumping it, so stored versions are regenerated.
     */
    public static final String PROMPT_VERSION = "1";

    static final int MAX_BYTECODE_CHARS = 4_000;
    static final int MAX_SOURCE_CHARS = 20_000;
    static final int MAX_EXAMPLE_CHARS = 20_000;
    static final int MAX_DOMAIN_CHARS = 10_000;

    private static final String SYSTEM_INTRO = "You are the code generator of POET, a Java agent that adds "
            + "reliability to existing methods without changing them. You write one Java class that wraps one "
            + "method in three phases: Perceive (look at the arguments), Operate' (run the original body through "
            + "call.proceed with reliability around it) and Enforce (check the result). The original body always "
            + "runs as it is; your code only surrounds it. When your code fails, the original runs instead, so "
            + "be conservative: an enhancement that changes what a correct call returns is wrong.\n\n";

    private final List<Path> sourcePath;
    private final String system;

    /** @param sourcePath {@code poet.source.path}: folders with the application's sources; may be empty */
    public PromptBuilder(List<Path> sourcePath) {
        this.sourcePath = List.copyOf(sourcePath);
        this.system = SYSTEM_INTRO + resource("contract.md") + "\n" + resource("janino-subset.md");
    }

    /** The prompt for {@code request}. */
    public Prompt build(GenerationRequest request) {
        Method method = request.method();
        String className = request.className();
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String packageName = className.substring(0, Math.max(0, className.lastIndexOf('.')));
        StringBuilder u = new StringBuilder();

        u.append("# Task\n\nWrite the enhancement of `").append(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append("` as exactly one Java compilation unit:\n")
                .append("- `package ").append(packageName).append(";`\n")
                .append("- `public final class ").append(simpleName)
                .append(" implements dev.poet.bridge.Enhancement`: a public top-level class with exactly this name, `")
                .append(className).append("`\n")
                .append("- a public constructor `public ").append(simpleName)
                .append("(dev.poet.bridge.MethodContext ctx)`\n")
                .append("Reply with the code in one ```java fenced block and nothing else.\n\n");

        u.append("# Domain instructions (template '").append(request.template().domain()).append("' v")
                .append(request.template().version()).append(")\n\n")
                .append(bounded(request.template().prompt(), MAX_DOMAIN_CHARS, "")).append("\n\n");

        u.append("# The method\n\n```java\n").append(signature(method, request.parameterNames())).append("\n```\n");
        u.append("Declared in `").append(method.getDeclaringClass().getName()).append("`; JVM descriptor `")
                .append(descriptor(method)).append("`.\n");
        String annotations = annotations(method);
        if (!annotations.isEmpty()) {
            u.append("Annotations: ").append(annotations).append('\n');
        }
        u.append('\n');

        if (request.params() != null && !request.params().isEmpty()) {
            u.append("## Effective parameters\n\nRead them at run time through `ctx.params()` (they can change "
                    + "while the application runs); the current values are:\n");
            for (Map.Entry<String, Object> e : new TreeMap<>(request.params()).entrySet()) {
                u.append("- `").append(e.getKey()).append("` = ").append(e.getValue()).append('\n');
            }
            u.append('\n');
        }

        String bytecode = BytecodeSummary.of(request.classFile(), method.getName(), descriptor(method),
                MAX_BYTECODE_CHARS);
        if (!bytecode.isEmpty()) {
            u.append("## What its bytecode does\n\n").append(bytecode).append('\n');
        }

        String source = SourceLocator.find(sourcePath, method.getDeclaringClass().getName(), MAX_SOURCE_CHARS);
        if (source != null) {
            u.append("## Source of its class (from poet.source.path)\n\n```java\n").append(source)
                    .append("\n```\n\n");
        }

        if (request.objective() != null && !request.objective().isBlank()) {
            u.append("## Objective\n\nThis method is optimised for `").append(request.objective())
                    .append("`: read learned values from the parameters rather than hard-coding them.\n\n");
        }

        if (request.evidence() != null && !request.evidence().isBlank()) {
            u.append("## Evidence from production\n\nTrain asks for a better version of the running one (shown below"
                    + " as the example): it must beat it on the objective when replayed on recorded, labelled"
                    + " executions, or it is discarded. What the executions and feedback showed:\n\n```\n")
                    .append(bounded(request.evidence(), MAX_EXAMPLE_CHARS, "")).append("\n```\n\n");
        }

        if (request.templateExample() != null && !request.templateExample().isBlank()) {
            u.append("# Known-good example\n\nThe domain template renders this for the method (there as the "
                    + "nested class M0 of a unit; you write a top-level class named ").append(simpleName)
                    .append("). It compiles and passes the audit; improve on it only where the domain "
                            + "instructions and the method give a reason.\n\n```java\n")
                    .append(bounded(request.templateExample(), MAX_EXAMPLE_CHARS, "// ")).append("\n```\n");
        }
        String user = u.toString();
        return new Prompt(system, user, sha256(PROMPT_VERSION + "\u0000" + system + "\u0000" + user));
    }

    /** The instructions sent as the system prompt. */
    public String system() {
        return system;
    }

    static String signature(Method method, String[] names) {
        StringBuilder sb = new StringBuilder();
        String modifiers = Modifier.toString(method.getModifiers() & (Modifier.methodModifiers()));
        if (!modifiers.isEmpty()) {
            sb.append(modifiers).append(' ');
        }
        sb.append(typeName(method.getGenericReturnType(), method.getReturnType())).append(' ')
                .append(method.getName()).append('(');
        Type[] generic;
        try {
            generic = method.getGenericParameterTypes();
        } catch (RuntimeException | LinkageError e) {
            generic = method.getParameterTypes();
        }
        Class<?>[] raw = method.getParameterTypes();
        for (int i = 0; i < raw.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Type type = i < generic.length ? generic[i] : raw[i];
            String name = names != null && i < names.length && names[i] != null ? names[i] : "arg" + i;
            sb.append(typeName(type, raw[i])).append(' ').append(name);
        }
        sb.append(')');
        Class<?>[] exceptions = method.getExceptionTypes();
        for (int i = 0; i < exceptions.length; i++) {
            sb.append(i == 0 ? " throws " : ", ").append(exceptions[i].getName());
        }
        return sb.toString();
    }

    private static String typeName(Type generic, Class<?> raw) {
        try {
            return generic.getTypeName();
        } catch (RuntimeException | LinkageError e) {
            return raw.getTypeName();
        }
    }

    private static String annotations(Method method) {
        StringBuilder sb = new StringBuilder();
        try {
            for (Annotation a : method.getDeclaredAnnotations()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(a);
            }
        } catch (RuntimeException | LinkageError e) {
            // An annotation type the application cannot load: the prompt goes without annotations.
            return "";
        }
        return sb.toString();
    }

    private static String descriptor(Method method) {
        return MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }

    private static String bounded(String text, int maxChars, String commentPrefix) {
        if (text == null) {
            return "";
        }
        return text.length() <= maxChars ? text.strip()
                : text.substring(0, maxChars) + "\n" + commentPrefix + "... (cut at " + maxChars + " characters)";
    }

    private static String resource(String name) {
        try (InputStream in = PromptBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
