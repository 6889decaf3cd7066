package dev.poet.core.budget;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.poet.core.bytecode.PendingInsertionVisitor;
import dev.poet.runtime.budget.LoopBudget;

/**
 * Inserts a call to {@link LoopBudget#tick()} before each backward jump or switch of one method, and at the start
 * of each exception handler that lies at or before the end of its protected range.
 *
 * <p>Label positions decide direction in a single pass: ASM visits a label at its position in the code, so a
 * target already visited is at or before the branch. A handler's tick is deferred to its first instruction,
 * after the frame ASM visits right after the handler label, so the frame still describes the handler's entry.
 * A backward jump or switch first writes a pending handler tick, then its own, so each keeps its tick.
 */
final class BackwardBranchTicker extends PendingInsertionVisitor {

    private final Set<Label> visited = new HashSet<>();
    /** Handler label -> end label of a range it protects; only handlers whose range end is not yet visited matter. */
    private final Map<Label, Set<Label>> handlerRangeEnds = new HashMap<>();
    private boolean tickPending;

    BackwardBranchTicker(MethodVisitor delegate) {
        super(delegate);
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
        emitPending();
        if (visited.contains(target)) {
            tick();
        }
        super.visitJumpInsn(opcode, target);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        emitPending();
        if (anyVisited(dflt, labels)) {
            tick();
        }
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        emitPending();
        if (anyVisited(dflt, labels)) {
            tick();
        }
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    /** A handler's tick, deferred past the handler's frame, goes before its first instruction. */
    @Override
    protected void emitPending() {
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
