package dev.poet.core.audit;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Walks one generated class: its header (name, superclass, interfaces), the members it declares, and the code of
 * every method including the static initialiser. Annotations, debug information and frames are skipped: they
 * cannot run code.
 */
final class ClassScanner extends ClassVisitor {

    /** Packages a generated class must not claim: the JDK's, and the trusted POET ones the loader resolves. */
    private static final String[] RESERVED_PACKAGES = {
            "java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/poet/bridge/", "dev/poet/runtime/"};

    private final ReferenceChecker checker;
    private final String expectedName;

    ClassScanner(ReferenceChecker checker, String expectedName) {
        super(Opcodes.ASM9);
        this.checker = checker;
        this.expectedName = expectedName;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
                      String[] interfaces) {
        checker.enterClass(expectedName);
        if (!name.equals(expectedName)) {
            checker.malformed("the class file defines " + name.replace('/', '.') + ", not "
                    + expectedName.replace('/', '.'));
        }
        for (String reserved : RESERVED_PACKAGES) {
            if (name.startsWith(reserved)) {
                checker.declaration(null, null, "generated class in the reserved package "
                        + reserved.replace('/', '.'));
            }
        }
        checker.supertype(superName);
        if (interfaces != null) {
            for (String i : interfaces) {
                checker.supertype(i);
            }
        }
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        checker.enterSite(name + descriptor);
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            checker.declaration(name, descriptor, "native method");
        }
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            checker.declaration(name, descriptor, MethodScanner.MONITORS);
        }
        if (name.equals("finalize") && descriptor.equals("()V")) {
            checker.declaration(name, descriptor, "finalizer");
        }
        if (isSerialisationHook(name)) {
            checker.declaration(name, descriptor, "serialisation hook");
        }
        return new MethodScanner(checker, name + descriptor);
    }

    private static boolean isSerialisationHook(String name) {
        switch (name) {
            case "readObject": case "readObjectNoData": case "readResolve": case "writeObject":
            case "writeReplace": case "readExternal": case "writeExternal":
                return true;
            default:
                return false;
        }
    }
}
