package dev.poet.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * What the class file says about methods that reflection does not: parameter names (from {@code MethodParameters}
 * or the local variable table), parameter and method annotations by name (Bean Validation constraints without
 * a dependency on Bean Validation) and a hash of each method's code, so that a changed body gets a new version and
 * an unchanged one reuses its stored version.
 *
 * <p>Read from the class loader's resource, i.e. the original bytes, not our transformed ones, when the engine
 * prepares a method's enhancement. What the agent reads from a class file while it is being loaded, to decide
 * which methods to route, is much less (declarations and {@code @Poet} values) and lives with the agent's
 * selection.
 */
public final class GenerationFacts {

    /**
     * Facts of one method.
     *
     * @param parameterAnnotations per parameter, the annotations on it (visible and invisible), read by name: no
     *                             annotation class is loaded
     * @param methodAnnotations    the annotations on the method itself (Bean Validation puts return-value
     *                             constraints there)
     */
    public record MethodFacts(String[] parameterNames, String bodyHash, List<List<AnnotationFact>> parameterAnnotations,
                              List<AnnotationFact> methodAnnotations, boolean parameterNamesKnown) {

        public MethodFacts(String[] parameterNames, String bodyHash, List<List<AnnotationFact>> parameterAnnotations,
                           List<AnnotationFact> methodAnnotations) {
            this(parameterNames, bodyHash, parameterAnnotations, methodAnnotations, true);
        }

        public MethodFacts(String[] parameterNames, String bodyHash) {
            this(parameterNames, bodyHash, List.of(), List.of());
        }

        /** The annotations of parameter {@code index}; empty when none or unknown. */
        public List<AnnotationFact> annotationsOf(int index) {
            return index < parameterAnnotations.size() ? parameterAnnotations.get(index) : List.of();
        }
    }

    /**
     * One annotation as the class file holds it.
     *
     * @param type   binary name, e.g. {@code jakarta.validation.constraints.Min}
     * @param values element values as ASM reads them ({@code Long}, {@code String}, {@code Boolean}, arrays as
     *               {@code List}); defaults are not in the class file and so not here
     */
    public record AnnotationFact(String type, Map<String, Object> values) {
    }

    private final Map<String, MethodFacts> byNameAndDescriptor;
    private final byte[] classFile;

    private GenerationFacts(Map<String, MethodFacts> byNameAndDescriptor, byte[] classFile) {
        this.byNameAndDescriptor = byNameAndDescriptor;
        this.classFile = classFile;
    }

    /** The original class file, or {@code null} when it was not readable. */
    public byte[] classFile() {
        return classFile == null ? null : classFile.clone();
    }

    /** Reads {@code className} through {@code loader}; empty facts when the class file is not readable. */
    public static GenerationFacts read(ClassLoader loader, String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new GenerationFacts(Map.of(), null);
            }
            return parse(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return new GenerationFacts(Map.of(), null);
        }
    }

    /** Parses class file bytes. */
    public static GenerationFacts parse(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        Map<String, MethodFacts> facts = new HashMap<>();
        for (MethodNode method : node.methods) {
            String[] names = parameterNames(method);
            facts.put(method.name + method.desc, new MethodFacts(names, bodyHash(method),
                    parameterAnnotations(method), annotations(method.visibleAnnotations, method.invisibleAnnotations),
                    names.length == 0 || namesFromClassFile(method)));
        }
        return new GenerationFacts(facts, classFile);
    }

    /** Facts of {@code name + descriptor}, or {@code null} when unknown. */
    public MethodFacts method(String name, String descriptor) {
        return byNameAndDescriptor.get(name + descriptor);
    }

    private static List<List<AnnotationFact>> parameterAnnotations(MethodNode method) {
        int count = Type.getArgumentTypes(method.desc).length;
        List<List<AnnotationFact>> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<AnnotationNode> visible = method.visibleParameterAnnotations != null
                    && i < method.visibleParameterAnnotations.length ? method.visibleParameterAnnotations[i] : null;
            List<AnnotationNode> invisible = method.invisibleParameterAnnotations != null
                    && i < method.invisibleParameterAnnotations.length ? method.invisibleParameterAnnotations[i] : null;
            result.add(annotations(visible, invisible));
        }
        return List.copyOf(result);
    }

    private static List<AnnotationFact> annotations(List<AnnotationNode> visible, List<AnnotationNode> invisible) {
        List<AnnotationFact> result = new ArrayList<>();
        for (List<AnnotationNode> nodes : java.util.Arrays.asList(visible, invisible)) {
            if (nodes == null) {
                continue;
            }
            for (AnnotationNode node : nodes) {
                Map<String, Object> values = new LinkedHashMap<>();
                if (node.values != null) {
                    for (int i = 0; i + 1 < node.values.size(); i += 2) {
                        values.put((String) node.values.get(i), node.values.get(i + 1));
                    }
                }
                result.add(new AnnotationFact(Type.getType(node.desc).getClassName(),
                        java.util.Collections.unmodifiableMap(values)));
            }
        }
        return List.copyOf(result);
    }

    private static String[] parameterNames(MethodNode method) {
        Type[] arguments = Type.getArgumentTypes(method.desc);
        String[] names = new String[arguments.length];
        List<ParameterNode> declared = method.parameters;
        if (declared != null && declared.size() == arguments.length) {
            for (int i = 0; i < names.length; i++) {
                names[i] = declared.get(i).name;
            }
        } else if (method.localVariables != null) {
            int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
            for (int i = 0; i < arguments.length; i++) {
                for (LocalVariableNode local : method.localVariables) {
                    if (local.index == slot) {
                        names[i] = local.name;
                        break;
                    }
                }
                slot += arguments[i].getSize();
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || !isIdentifier(names[i])) {
                names[i] = "arg" + i;
            }
        }
        return names;
    }

    /**
     * Whether every parameter's name is in the class file ({@code MethodParameters}, from {@code javac -parameters},
     * or the local variable table, from {@code javac -g}); otherwise {@link #parameterNames} made up {@code arg<i>}
     * for some of them, which no name-based rule may take for a real name.
     */
    private static boolean namesFromClassFile(MethodNode method) {
        int count = Type.getArgumentTypes(method.desc).length;
        List<ParameterNode> declared = method.parameters;
        if (declared != null && declared.size() == count) {
            for (ParameterNode parameter : declared) {
                if (parameter.name == null || !isIdentifier(parameter.name)) {
                    return false;
                }
            }
            return true;
        }
        if (method.localVariables == null) {
            return false;
        }
        Type[] arguments = Type.getArgumentTypes(method.desc);
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        for (Type argument : arguments) {
            boolean found = false;
            for (LocalVariableNode local : method.localVariables) {
                if (local.index == slot && isIdentifier(local.name)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
            slot += argument.getSize();
        }
        return true;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the method's code as text (independent of constant-pool order and debug line numbers). */
    private static String bodyHash(MethodNode method) {
        Textifier text = new Textifier();
        TraceMethodVisitor visitor = new TraceMethodVisitor(text);
        method.instructions.accept(visitor);
        method.tryCatchBlocks.forEach(block -> block.accept(visitor));
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        text.print(writer);
        writer.flush();
        String code = method.access + " " + method.desc + "\n" + out.toString().replaceAll("(?m)^\\s*LINENUMBER.*$", "");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
