package dev.poet.core.audit;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Hands every instruction of one method that names another class or member to the {@link ReferenceChecker}:
 * calls, field accesses, {@code new}, casts, instanceof, array creation, class/method-type/method-handle constants,
 * invokedynamic and exception handler types.
 */
final class MethodScanner extends MethodVisitor {

    /** The rule for synchronized methods and blocks. */
    static final String MONITORS = "monitors (a blocked monitor is outside the loop budget)";

    private static final String STRING_CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

    private final ReferenceChecker checker;
    private final String site;

    MethodScanner(ReferenceChecker checker, String site) {
        super(Opcodes.ASM9);
        this.checker = checker;
        this.site = site;
    }

    @Override
    public void visitCode() {
        // Methods are visited after the class header; each method's findings name the method.
        checker.enterSite(site);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        checker.member(owner, name, descriptor);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        checker.member(owner, name, descriptor);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        checker.type(type);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        checker.type(descriptor);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (type != null) {
            checker.type(type);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.MONITORENTER) {
            checker.deniedConstruct("java/lang/Object", "monitorenter", null, MONITORS);
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        if (value instanceof Type) {
            Type t = (Type) value;
            if (t.getSort() == Type.METHOD) {
                checker.deniedConstruct("java/lang/invoke/MethodType", null, t.getDescriptor(),
                        "method type constant (java.lang.invoke)");
            } else {
                checker.type(t.getSort() == Type.OBJECT ? t.getInternalName() : t.getDescriptor());
            }
        } else if (value instanceof Handle) {
            Handle h = (Handle) value;
            checker.deniedConstruct(h.getOwner(), h.getName(), h.getDesc(),
                    "method handle constant (java.lang.invoke)");
        } else if (value instanceof ConstantDynamic) {
            ConstantDynamic c = (ConstantDynamic) value;
            checker.deniedConstruct(c.getBootstrapMethod().getOwner(), c.getBootstrapMethod().getName(),
                    c.getDescriptor(), "dynamic constant (java.lang.invoke)");
        }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        if (bootstrap.getOwner().equals(STRING_CONCAT_FACTORY)
                && (bootstrap.getName().equals("makeConcatWithConstants") || bootstrap.getName().equals("makeConcat"))
                && onlyPlainConstants(arguments)) {
            return;
        }
        checker.deniedConstruct(bootstrap.getOwner(), bootstrap.getName(), bootstrap.getDesc(),
                "invokedynamic other than string concatenation (lambdas, method references)");
    }

    /** String concatenation recipes carry strings and primitives; anything else is not plain concatenation. */
    private static boolean onlyPlainConstants(Object[] arguments) {
        for (Object a : arguments) {
            if (!(a instanceof String || a instanceof Number)) {
                return false;
            }
        }
        return true;
    }
}
