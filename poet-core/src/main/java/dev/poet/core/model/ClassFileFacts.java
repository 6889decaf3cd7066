package dev.poet.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * What the class file says about methods that reflection does not: parameter names (from {@code MethodParameters}
 * or the local variable table) and a hash of each method's code, so that a changed body gets a new version and
 * an unchanged one reuses its stored version.
 *
 * <p>Read from the class loader's resource, i.e. the original bytes, not our transformed ones.
 */
public final class ClassFileFacts {

    /** Facts of one method. */
    public record MethodFacts(String[] parameterNames, String bodyHash) {
    }

    private final Map<String, MethodFacts> byNameAndDescriptor;
    private final byte[] classFile;

    private ClassFileFacts(Map<String, MethodFacts> byNameAndDescriptor, byte[] classFile) {
        this.byNameAndDescriptor = byNameAndDescriptor;
        this.classFile = classFile;
    }

    /** The original class file, or {@code null} when it was not readable. */
    public byte[] classFile() {
        return classFile == null ? null : classFile.clone();
    }

    /** Reads {@code className} through {@code loader}; empty facts when the class file is not readable. */
    public static ClassFileFacts read(ClassLoader loader, String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new ClassFileFacts(Map.of(), null);
            }
            return parse(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return new ClassFileFacts(Map.of(), null);
        }
    }

    /** Parses class file bytes. */
    public static ClassFileFacts parse(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        Map<String, MethodFacts> facts = new HashMap<>();
        for (MethodNode method : node.methods) {
            facts.put(method.name + method.desc, new MethodFacts(parameterNames(method), bodyHash(method)));
        }
        return new ClassFileFacts(facts, classFile);
    }

    /** Facts of {@code name + descriptor}, or {@code null} when unknown. */
    public MethodFacts method(String name, String descriptor) {
        return byNameAndDescriptor.get(name + descriptor);
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
