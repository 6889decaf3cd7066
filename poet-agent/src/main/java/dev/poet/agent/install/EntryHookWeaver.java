package dev.poet.agent.install;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import dev.poet.core.bytecode.PendingInsertionVisitor;

/**
 * Inserts a hand-written method-entry hook into the methods a {@link RoutingPlan} names in one class file,
 * straight on ASM: no weaving framework, whose machinery was the largest start-up cost. At entry, before the
 * untouched original body:
 *
 * <pre>
 * Object slot = Slots.SLOTS.get(ID);
 * if (slot != null &amp;&amp; !Dispatcher.reentered(ID)) {
 *     Object[] a = Dispatcher.arguments(N);   // the thread's own array, filled with the boxed arguments
 *     Outcome o = Dispatcher.dispatchOutermost(slot, ID, Declaring.class, this-or-null, a);
 *     if (o != null) {
 *         if (o.thrown != null) throw o.thrown;
 *         return (unboxed / cast) o.value;   // void: return
 *     }
 * }
 * </pre>
 *
 * <p>No class format change: no field, method or initialiser is added. Frames are neither expanded nor
 * computed (computing them would load classes): the hook declares its own full frames, built from the method
 * descriptor, and the frame at the start of the original body is the method's initial one, so the original
 * body's (compressed) frames stay valid. Class files before version 50 get no frames. Methods that are not
 * planned are copied byte for byte (the writer shares the reader's constant pool). The weaver registers nothing:
 * the ids come from the plan.
 */
final class EntryHookWeaver {

    private static final String SLOTS = "dev/poet/bridge/Slots";
    private static final String DISPATCHER = "dev/poet/bridge/Dispatcher";
    private static final String OUTCOME = "dev/poet/bridge/Outcome";
    private static final String ARRAY = "java/util/concurrent/atomic/AtomicReferenceArray";
    /** Stack the hook needs at most: slot, id, class, self, array, array, index, a long/double argument. */
    private static final int HOOK_STACK = 9;

    EntryHookWeaver() {
    }

    /**
     * Returns {@code classFile} with the hook inserted into every method {@code plan} routes, each with the slot
     * id the plan gives it.
     *
     * @throws IllegalArgumentException when ASM cannot read the class file (e.g. a newer class file version)
     */
    byte[] weave(byte[] classFile, RoutingPlan plan) {
        ClassReader reader = new ClassReader(classFile);
        // Sharing the reader's constant pool keeps unchanged methods byte-for-byte and makes writing cheap.
        ClassWriter writer = new ClassWriter(reader, 0);
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (mv == null || name.charAt(0) == '<' || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv;
                }
                int id = plan.idOf(name, descriptor);
                return id == RoutingPlan.NOT_ROUTED ? mv : new EntryHook(mv, owner, access, descriptor, id, major);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Emits the hook at {@code visitCode}, then the original body with the entry frame placed before it. */
    private static final class EntryHook extends PendingInsertionVisitor {
        private final String owner;
        private final int access;
        private final String descriptor;
        private final int id;
        private final boolean frames;
        private final boolean classConstants;
        /** The F_SAME frame for the start of the original body, still to be written before its first instruction. */
        private boolean framePending;

        EntryHook(MethodVisitor mv, String owner, int access, String descriptor, int id, int major) {
            super(mv);
            this.owner = owner;
            this.access = access;
            this.descriptor = descriptor;
            this.id = id;
            this.frames = major >= Opcodes.V1_6;
            this.classConstants = major >= Opcodes.V1_5;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            Type[] args = Type.getArgumentTypes(descriptor);
            Type returnType = Type.getReturnType(descriptor);
            Label returning = new Label();
            Label skip = new Label();
            MethodVisitor mv = this.mv;
            // Object slot = Slots.SLOTS.get(id)                                            [slot]
            mv.visitFieldInsn(Opcodes.GETSTATIC, SLOTS, "SLOTS", "L" + ARRAY + ";");
            pushInt(mv, id);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, ARRAY, "get", "(I)Ljava/lang/Object;", false);
            mv.visitInsn(Opcodes.DUP);
            mv.visitJumpInsn(Opcodes.IFNULL, skip);
            // Checked before the arguments are boxed: the original's own re-invocation costs no allocation.
            pushInt(mv, id);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "reentered", "(I)Z", false);
            mv.visitJumpInsn(Opcodes.IFNE, skip);
            // Dispatcher.dispatchOutermost(slot, id, Declaring.class, self, args)             [outcome]
            pushInt(mv, id);
            if (classConstants) {
                mv.visitLdcInsn(Type.getObjectType(owner));
            } else {
                mv.visitLdcInsn(owner.replace('/', '.'));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                        "(Ljava/lang/String;)Ljava/lang/Class;", false);
            }
            if (isStatic) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            // The thread's own array when free (no allocation); the dispatcher takes it back.
            pushInt(mv, args.length);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "arguments", "(I)[Ljava/lang/Object;", false);
            int local = isStatic ? 0 : 1;
            for (int i = 0; i < args.length; i++) {
                mv.visitInsn(Opcodes.DUP);
                pushInt(mv, i);
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), local);
                box(mv, args[i]);
                mv.visitInsn(Opcodes.AASTORE);
                local += args[i].getSize();
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHER, "dispatchOutermost",
                    "(Ljava/lang/Object;ILjava/lang/Class;Ljava/lang/Object;[Ljava/lang/Object;)L" + OUTCOME + ";", false);
            mv.visitInsn(Opcodes.DUP);
            mv.visitJumpInsn(Opcodes.IFNULL, skip);
            // if (o.thrown != null) throw o.thrown;                                          [outcome]
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.GETFIELD, OUTCOME, "thrown", "Ljava/lang/Throwable;");
            mv.visitJumpInsn(Opcodes.IFNULL, returning);
            mv.visitFieldInsn(Opcodes.GETFIELD, OUTCOME, "thrown", "Ljava/lang/Throwable;");
            mv.visitInsn(Opcodes.ATHROW);
            // return (T) o.value;                                                            [outcome]
            mv.visitLabel(returning);
            Object[] locals = frames ? initialLocals(isStatic, args) : null;
            if (frames) {
                mv.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[]{OUTCOME});
            }
            if (returnType.getSort() == Type.VOID) {
                mv.visitInsn(Opcodes.POP);
                mv.visitInsn(Opcodes.RETURN);
            } else {
                mv.visitFieldInsn(Opcodes.GETFIELD, OUTCOME, "value", "Ljava/lang/Object;");
                unbox(mv, returnType);
                mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            }
            // Not dispatched: drop the slot or the null outcome.                               [Object]
            mv.visitLabel(skip);
            if (frames) {
                mv.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[]{"java/lang/Object"});
            }
            mv.visitInsn(Opcodes.POP);
            framePending = frames;
        }

        private Object[] initialLocals(boolean isStatic, Type[] args) {
            Object[] locals = new Object[args.length + (isStatic ? 0 : 1)];
            int i = 0;
            if (!isStatic) {
                locals[i++] = owner;
            }
            for (Type arg : args) {
                switch (arg.getSort()) {
                    case Type.BOOLEAN:
                    case Type.BYTE:
                    case Type.CHAR:
                    case Type.SHORT:
                    case Type.INT:
                        locals[i++] = Opcodes.INTEGER;
                        break;
                    case Type.FLOAT:
                        locals[i++] = Opcodes.FLOAT;
                        break;
                    case Type.LONG:
                        locals[i++] = Opcodes.LONG;
                        break;
                    case Type.DOUBLE:
                        locals[i++] = Opcodes.DOUBLE;
                        break;
                    default:
                        locals[i++] = arg.getInternalName();
                }
            }
            return locals;
        }

        /** The start of the original body: the method's initial frame, unless the body has its own there. */
        @Override
        protected void emitPending() {
            if (framePending) {
                framePending = false;
                mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            }
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            // A frame at offset 0 of the original (a loop back to the start) is the initial frame, relative to
            // the hook's last frame, whose locals are the initial ones: it takes the place of the pending one.
            framePending = false;
            if (frames) {
                // Before version 50 a StackMapTable means nothing to the verifier; ASM refuses compressed ones.
                super.visitFrame(type, numLocal, local, numStack, stack);
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            emitPending();
            super.visitMaxs(Math.max(maxStack, HOOK_STACK), maxLocals);
        }

        private static void pushInt(MethodVisitor mv, int value) {
            if (value >= -1 && value <= 5) {
                mv.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
                mv.visitIntInsn(Opcodes.BIPUSH, value);
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                mv.visitIntInsn(Opcodes.SIPUSH, value);
            } else {
                mv.visitLdcInsn(value);
            }
        }

        private static void box(MethodVisitor mv, Type type) {
            String wrapper = wrapper(type);
            if (wrapper != null) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                        "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
            }
        }

        private static void unbox(MethodVisitor mv, Type type) {
            String wrapper = wrapper(type);
            if (wrapper != null) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper, type.getClassName() + "Value",
                        "()" + type.getDescriptor(), false);
            } else if (!type.getInternalName().equals("java/lang/Object")) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
            }
        }

        private static String wrapper(Type type) {
            switch (type.getSort()) {
                case Type.BOOLEAN: return "java/lang/Boolean";
                case Type.BYTE: return "java/lang/Byte";
                case Type.CHAR: return "java/lang/Character";
                case Type.SHORT: return "java/lang/Short";
                case Type.INT: return "java/lang/Integer";
                case Type.FLOAT: return "java/lang/Float";
                case Type.LONG: return "java/lang/Long";
                case Type.DOUBLE: return "java/lang/Double";
                default: return null;
            }
        }
    }
}
