package dev.poet.core.budget;

import java.util.LinkedHashMap;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.poet.runtime.budget.LoopBudget;

/**
 * Rewrites generated classes so that every backward branch first calls {@link LoopBudget#tick()}.
 *
 * <p>A backward branch is a jump or switch with a target at or before the branch (the target's label was already
 * visited), or an exception handler placed at or before the end of the range it protects (a loop through a
 * catch). Every loop the Java compiler can produce passes through one of them.
 *
 * <p>The injected call is {@code INVOKESTATIC LoopBudget.tick()V}: no arguments, no result, so the operand stack
 * and locals are the same before and after it, and it creates no new branch target. The existing stack map frames
 * therefore stay valid and are copied as they are (ASM re-encodes their offsets); no frame computation, which
 * would need to load classes, is involved. Run the audit before the injection: the audit allows {@code tick}
 * either way.
 *
 * <p>Stateless and thread-safe.
 */
public final class LoopBudgetInjector {

    /** An injector; all instances behave the same. */
    public LoopBudgetInjector() {
    }

    /**
     * Injects into every class of one generated unit.
     *
     * @param classes binary class name to class file bytes, as compiled
     * @return the same names, in the same order, with transformed bytes
     * @throws IllegalArgumentException when a class file cannot be read
     */
    public Map<String, byte[]> inject(Map<String, byte[]> classes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            out.put(e.getKey(), inject(e.getValue()));
        }
        return out;
    }

    /**
     * Injects into one class.
     *
     * @throws IllegalArgumentException when the class file cannot be read
     */
    public byte[] inject(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable class file", e);
        }
        // No COMPUTE_* flags: max stack and frames are unchanged by a no-argument void static call.
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null ? null : new BackwardBranchTicker(mv);
            }
        }, 0);
        return writer.toByteArray();
    }
}
