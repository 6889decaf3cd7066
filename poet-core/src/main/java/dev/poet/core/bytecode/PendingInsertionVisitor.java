package dev.poet.core.bytecode;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A method visitor that may owe the code it passes on an insertion that belongs right before the next
 * instruction, and not earlier: not before a label, a line number or a stack map frame that ASM visits in between
 * (a frame that follows a label describes the state at that label, so code inserted ahead of it would be
 * described by the wrong frame). Subclasses record what they owe and write it in {@link #emitPending()}, which
 * runs before every instruction is passed on.
 *
 * <p>{@link #emitPending()} must be idempotent (write what is owed, then owe nothing): a subclass that inserts
 * code of its own before some instruction calls it first, so that what was owed comes before its own insertion,
 * and the instruction's visit here calls it again.
 */
public abstract class PendingInsertionVisitor extends MethodVisitor {

    /** @param delegate the visitor that receives the rewritten code */
    protected PendingInsertionVisitor(MethodVisitor delegate) {
        super(Opcodes.ASM9, delegate);
    }

    /** Writes, through {@code super} or {@link #mv}, what is owed to the next instruction; then nothing is owed. */
    protected abstract void emitPending();

    @Override
    public void visitInsn(int opcode) {
        emitPending();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        emitPending();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        emitPending();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        emitPending();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        emitPending();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        emitPending();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
                                       Object... bootstrapMethodArguments) {
        emitPending();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        emitPending();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        emitPending();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        emitPending();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        emitPending();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        emitPending();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        emitPending();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
