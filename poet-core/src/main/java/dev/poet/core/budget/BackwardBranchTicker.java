package dev.poet.core.budget;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.poet.runtime.budget.LoopBudget;

/**
 * Inserts a call to {@link LoopBudget#tick()} before each backward jump or switch of one method, and at the start
 * of each exception handler that lies at or before the end of its protected range.
 *
 * <p>Label positions decide direction in a single pass: ASM visits a label at its position in the code, so a
 * target already visited is at or before the branch. A handler's tick is deferred to its first instruction,
 * after the frame ASM visits right after the handler label, so the frame still describes the handler's entry.
 */
final class BackwardBranchTicker extends MethodVisitor {

    private final Set<Label> visited = new HashSet<>();
    /** Handler label -> end label of a range it protects; only handlers whose range end is not yet visited matter. */
    private final Map<Label, Set<Label>> handlerRangeEnds = new HashMap<>();
    private boolean tickPending;

    BackwardBranchTicker(MethodVisitor delegate) {
        super(Opcodes.ASM9, delegate);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        handlerRangeEnds.computeIfAbsent(handler, h -> new HashSet<>()).add(end);
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        visited.add(label);
        Set<Label> ends = handlerRangeEnds.get(label);
        if (ends != null) {
            for (Label end : ends) {
                if (!visited.contains(end) || end == label) {
                    tickPending = true;
                    break;
                }
            }
        }
        super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label target) {
        flushPending();
        if (visited.contains(target)) {
            tick();
        }
        super.visitJumpInsn(opcode, target);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        flushPending();
        if (anyVisited(dflt, labels)) {
            tick();
        }
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        flushPending();
        if (anyVisited(dflt, labels)) {
            tick();
        }
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    // Every other instruction only needs a pending handler tick emitted before it.

    @Override
    public void visitInsn(int opcode) {
        flushPending();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        flushPending();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        flushPending();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        flushPending();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        flushPending();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        flushPending();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        flushPending();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitLdcInsn(Object value) {
        flushPending();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        flushPending();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flushPending();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    private void flushPending() {
        if (tickPending) {
            tickPending = false;
            tick();
        }
    }

    private void tick() {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LoopBudget.TICK_OWNER, LoopBudget.TICK_NAME,
                LoopBudget.TICK_DESCRIPTOR, false);
    }

    private boolean anyVisited(Label dflt, Label[] labels) {
        if (visited.contains(dflt)) {
            return true;
        }
        for (Label l : labels) {
            if (visited.contains(l)) {
                return true;
            }
        }
        return false;
    }
}
