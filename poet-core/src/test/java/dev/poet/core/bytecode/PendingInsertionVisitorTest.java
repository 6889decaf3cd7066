package dev.poet.core.bytecode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.assertj.core.api.Assertions.assertThat;

class PendingInsertionVisitorTest {

    /** Owes one NOP after every label, as the loop budget owes a tick to a handler's first instruction. */
    private static final class NopAfterLabel extends PendingInsertionVisitor {
        private boolean pending;

        NopAfterLabel(MethodVisitor delegate) {
            super(delegate);
        }

        @Override
        public void visitLabel(Label label) {
            pending = true;
            super.visitLabel(label);
        }

        @Override
        protected void emitPending() {
            if (pending) {
                pending = false;
                super.visitInsn(Opcodes.NOP);
            }
        }
    }

    private static List<Integer> types(MethodNode node) {
        List<Integer> types = new ArrayList<>();
        for (AbstractInsnNode insn : node.instructions) {
            types.add(insn.getType());
        }
        return types;
    }

    @Test
    void pendingCodeGoesAfterLabelFrameAndLineNumberAndBeforeTheInstruction() {
        MethodNode node = new MethodNode(Opcodes.ACC_STATIC, "m", "()V", null, null);
        MethodVisitor mv = new NopAfterLabel(node);
        Label start = new Label();
        mv.visitCode();
        mv.visitLabel(start);
        mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        mv.visitLineNumber(7, start);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        assertThat(types(node)).containsExactly(AbstractInsnNode.LABEL, AbstractInsnNode.FRAME,
                AbstractInsnNode.LINE, AbstractInsnNode.INSN, AbstractInsnNode.INSN);
        assertThat(node.instructions.get(3).getOpcode()).isEqualTo(Opcodes.NOP);
        assertThat(node.instructions.get(4).getOpcode()).isEqualTo(Opcodes.RETURN);
    }

    @Test
    void everyKindOfInstructionGetsThePendingCodeBeforeIt() {
        Label target = new Label();
        Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, "a/B", "bsm", "()V", false);
        Map<String, Consumer<MethodVisitor>> kinds = new LinkedHashMap<>();
        kinds.put("insn", mv -> mv.visitInsn(Opcodes.ICONST_0));
        kinds.put("int", mv -> mv.visitIntInsn(Opcodes.BIPUSH, 9));
        kinds.put("var", mv -> mv.visitVarInsn(Opcodes.ILOAD, 0));
        kinds.put("type", mv -> mv.visitTypeInsn(Opcodes.NEW, "a/B"));
        kinds.put("field", mv -> mv.visitFieldInsn(Opcodes.GETSTATIC, "a/B", "f", "I"));
        kinds.put("method", mv -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "a/B", "m", "()V", false));
        kinds.put("indy", mv -> mv.visitInvokeDynamicInsn("m", "()V", bootstrap));
        kinds.put("jump", mv -> mv.visitJumpInsn(Opcodes.GOTO, target));
        kinds.put("ldc", mv -> mv.visitLdcInsn("x"));
        kinds.put("iinc", mv -> mv.visitIincInsn(0, 1));
        kinds.put("tableswitch", mv -> mv.visitTableSwitchInsn(0, 0, target, target));
        kinds.put("lookupswitch", mv -> mv.visitLookupSwitchInsn(target, new int[]{1}, new Label[]{target}));
        kinds.put("multianewarray", mv -> mv.visitMultiANewArrayInsn("[[I", 2));

        for (Map.Entry<String, Consumer<MethodVisitor>> kind : kinds.entrySet()) {
            MethodNode node = new MethodNode(Opcodes.ACC_STATIC, "m", "(I)V", null, null);
            MethodVisitor mv = new NopAfterLabel(node);
            mv.visitCode();
            mv.visitLabel(new Label());
            kind.getValue().accept(mv);
            assertThat(node.instructions.size()).as(kind.getKey()).isEqualTo(3);
            assertThat(node.instructions.get(1).getOpcode()).as(kind.getKey()).isEqualTo(Opcodes.NOP);
            assertThat(node.instructions.get(2).getOpcode()).as(kind.getKey()).isNotEqualTo(Opcodes.NOP);
        }
    }

    @Test
    void whatIsOwedIsWrittenOnce() {
        MethodNode node = new MethodNode(Opcodes.ACC_STATIC, "m", "()V", null, null);
        NopAfterLabel mv = new NopAfterLabel(node);
        mv.visitCode();
        mv.visitLabel(new Label());
        // A subclass inserting before an instruction writes what is owed first; the instruction then finds nothing.
        mv.emitPending();
        mv.visitInsn(Opcodes.RETURN);
        mv.visitInsn(Opcodes.RETURN);

        long nops = node.instructions.size() == 0 ? 0 : java.util.stream.StreamSupport
                .stream(node.instructions.spliterator(), false).filter(i -> i.getOpcode() == Opcodes.NOP).count();
        assertThat(nops).isEqualTo(1);
    }
}
