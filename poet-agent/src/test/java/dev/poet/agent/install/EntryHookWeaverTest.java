package dev.poet.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

import static org.assertj.core.api.Assertions.assertThat;

/** The weaver applies a plan: the hook goes into exactly the planned methods, with the planned slot ids. */
class EntryHookWeaverTest {

    public static class Target {
        public int routed(int x) {
            return x + 1;
        }

        /** Its loop jumps back to offset 0, so the original body has a frame of its own where the hook ends. */
        public static int loopsToStart(int n) {
            while (n > 0) {
                n--;
            }
            return n;
        }

        public int untouched(int x) {
            return x - 1;
        }
    }

    private static byte[] original() throws IOException {
        String name = Target.class.getName();
        try (InputStream in = Target.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    static MethodNode method(byte[] classFile, String name) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    private static String text(MethodNode method) {
        Textifier textifier = new Textifier();
        method.accept(new TraceMethodVisitor(textifier));
        StringWriter out = new StringWriter();
        textifier.print(new PrintWriter(out));
        return out.toString();
    }

    /** The slot id the hook reads: the instruction after {@code GETSTATIC Slots.SLOTS}. */
    static int hookSlot(MethodNode method) {
        AbstractInsnNode first = method.instructions.getFirst();
        while (first.getOpcode() < 0) {
            first = first.getNext();
        }
        assertThat(first.getOpcode()).isEqualTo(Opcodes.GETSTATIC);
        assertThat(((FieldInsnNode) first).owner).isEqualTo("dev/poet/bridge/Slots");
        AbstractInsnNode id = first.getNext();
        return id.getOpcode() >= Opcodes.ICONST_0 && id.getOpcode() <= Opcodes.ICONST_5
                ? id.getOpcode() - Opcodes.ICONST_0 : ((IntInsnNode) id).operand;
    }

    @Test
    void hooksExactlyThePlannedMethodsWithTheirIds() throws IOException {
        byte[] original = original();
        RoutingPlan plan = RoutingPlan.builder().route("routed", "(I)I", 7).route("loopsToStart", "(I)I", 300).build();

        byte[] woven = new EntryHookWeaver().weave(original, plan);

        assertThat(hookSlot(method(woven, "routed"))).isEqualTo(7);
        assertThat(hookSlot(method(woven, "loopsToStart"))).isEqualTo(300);
        assertThat(text(method(woven, "untouched"))).isEqualTo(text(method(original, "untouched")));
        assertThat(text(method(woven, "<init>"))).isEqualTo(text(method(original, "<init>")));
    }

    @Test
    void wovenClassVerifiesAndRunsTheOriginalWhileTheSlotIsEmpty() throws Exception {
        RoutingPlan plan = RoutingPlan.builder().route("routed", "(I)I", 7).route("loopsToStart", "(I)I", 300).build();
        byte[] woven = new EntryHookWeaver().weave(original(), plan);

        // A loader of its own: the JVM verifies the woven frames, and the hook links against the bridge.
        Class<?> type = new ClassLoader(EntryHookWeaverTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(Target.class.getName(), woven, 0, woven.length);
            }
        }.define();
        Object target = type.getConstructor().newInstance();
        Method routed = type.getMethod("routed", int.class);
        Method loops = type.getMethod("loopsToStart", int.class);

        assertThat(routed.invoke(target, 41)).isEqualTo(42);
        assertThat(loops.invoke(null, 5)).isEqualTo(0);
    }

    @Test
    void emptyPlanRoutesNothing() {
        RoutingPlan plan = RoutingPlan.builder().build();

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.idOf("routed", "(I)I")).isEqualTo(RoutingPlan.NOT_ROUTED);
    }
}
