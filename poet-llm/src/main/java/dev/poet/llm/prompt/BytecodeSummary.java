package dev.poet.llm.prompt;

import java.util.LinkedHashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * What a method's bytecode does, in a few lines: the methods it calls, the exceptions it declares, throws and
 * catches, the fields it reads and writes, and its constants. The source is usually not available to an agent;
 * this tells the model what the body touches, so that it can judge which failures are transient.
 */
public final class BytecodeSummary {

    private static final int MAX_ITEMS = 40;
    private static final int MAX_CONSTANT_CHARS = 80;

    private BytecodeSummary() {
    }

    /**
     * The summary of {@code name + descriptor} in {@code classFile}, at most {@code maxChars} long; empty when
     * the class file is absent, unreadable or lacks the method.
     */
    public static String of(byte[] classFile, String name, String descriptor, int maxChars) {
        if (classFile == null) {
            return "";
        }
        ClassNode node = new ClassNode();
        try {
            new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return "";
        }
        for (MethodNode method : node.methods) {
            if (method.name.equals(name) && method.desc.equals(descriptor)) {
                return bounded(summarize(method), maxChars);
            }
        }
        return "";
    }

    private static String summarize(MethodNode method) {
        Set<String> calls = new LinkedHashSet<>();
        Set<String> reads = new LinkedHashSet<>();
        Set<String> writes = new LinkedHashSet<>();
        Set<String> throwsNew = new LinkedHashSet<>();
        Set<String> constants = new LinkedHashSet<>();
        Set<String> catches = new LinkedHashSet<>();
        String lastNew = null;
        int instructions = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                instructions++;
            }
            if (insn instanceof MethodInsnNode m) {
                calls.add(simple(m.owner) + "." + m.name + "(" + arguments(m.desc) + ")");
            } else if (insn instanceof InvokeDynamicInsnNode d) {
                calls.add("invokedynamic " + d.name);
            } else if (insn instanceof FieldInsnNode f) {
                String field = simple(f.owner) + "." + f.name;
                if (f.getOpcode() == Opcodes.GETFIELD || f.getOpcode() == Opcodes.GETSTATIC) {
                    reads.add(field);
                } else {
                    writes.add(field);
                }
            } else if (insn instanceof LdcInsnNode l) {
                constants.add(constant(l.cst));
            } else if (insn instanceof TypeInsnNode t && t.getOpcode() == Opcodes.NEW) {
                lastNew = t.desc;
            } else if (insn.getOpcode() == Opcodes.ATHROW && lastNew != null) {
                throwsNew.add(lastNew.replace('/', '.'));
            }
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            catches.add(block.type == null ? "any (finally)" : block.type.replace('/', '.'));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("- instructions: ").append(instructions).append('\n');
        if (method.exceptions != null && !method.exceptions.isEmpty()) {
            sb.append("- declares: ").append(String.join(", ", method.exceptions).replace('/', '.')).append('\n');
        }
        line(sb, "calls", calls);
        line(sb, "throws (new + athrow)", throwsNew);
        line(sb, "catches", catches);
        line(sb, "reads fields", reads);
        line(sb, "writes fields", writes);
        line(sb, "constants", constants);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, Set<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("- ").append(label).append(": ");
        int n = 0;
        for (String item : items) {
            if (n == MAX_ITEMS) {
                sb.append(", ... (").append(items.size() - MAX_ITEMS).append(" more)");
                break;
            }
            sb.append(n++ == 0 ? "" : ", ").append(item);
        }
        sb.append('\n');
    }

    private static String arguments(String descriptor) {
        StringBuilder sb = new StringBuilder();
        for (Type t : Type.getArgumentTypes(descriptor)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            String name = t.getClassName();
            sb.append(name.substring(name.lastIndexOf('.') + 1));
        }
        return sb.toString();
    }

    /** {@code java/util/List} as {@code java.util.List}: qualified, so the model knows which type it is. */
    private static String simple(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String constant(Object cst) {
        if (cst instanceof String s) {
            String shown = s.length() > MAX_CONSTANT_CHARS ? s.substring(0, MAX_CONSTANT_CHARS) + "..." : s;
            return '"' + shown.replace("\n", "\\n") + '"';
        }
        if (cst instanceof Type t) {
            return t.getClassName() + ".class";
        }
        return String.valueOf(cst);
    }

    private static String bounded(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "\n... (cut at " + maxChars + " chars)\n";
    }
}
