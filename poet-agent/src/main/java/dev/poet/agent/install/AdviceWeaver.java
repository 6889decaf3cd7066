package dev.poet.agent.install;

import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inserts a hand-written method-entry hook into the chosen methods of one class file, straight on ASM (no
 * Byte Buddy {@code Advice}: its machinery was the largest start-up cost). At entry, before the untouched
 * original body:
 *
 * <pre>
 * Object slot = Slots.SLOTS.get(ID);
 * if (slot != null &amp;&amp; !Dispatcher.reentered(ID)) {
 *     Outcome o = Dispatcher.dispatchOutermost(slot, ID, Declaring.class, this-or-null, new Object[]{args...});
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
 * chosen are copied byte for byte (the writer shares the reader's constant pool).
 */
final class AdviceWeaver {

    private static final String SLOTS = "dev/poet/bridge/Slots";
    private static final String DISPATCHER = "dev/poet/bridge/Dispatcher";
    private static final String OUTCOME = "dev/poet/bridge/Outcome";
    private static final String ARRAY = "java/util/concurrent/atomic/AtomicReferenceArray";
    /** Stack the hook needs at most: slot, id, class, self, array, array, index, a long/double argument. */
    private static final int HOOK_STACK = 9;

    AdviceWeaver() {
    }

    /**
     * Returns {@code classFile} with the hook inserted into every method {@code selected} matches, each given
     * the slot {@code idOf} returns for it.
     *
     * @param facts the declarations of {@code classFile}
     */
    byte[] weave(byte[] classFile, ClassFacts facts, Predicate<ClassFacts.Method> selected,
                 ToIntFunction<ClassFacts.Method> idOf) {
        ClassReader reader = OpenedClassReader.of(classFile);
        // Sharing the reader's constant pool keeps unchanged methods byte-for-byte and makes writing cheap.
        ClassWriter writer = new ClassWriter(reader, 0);
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
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
                ClassFacts.Method method = facts.byNameAndDescriptor.get(name + descriptor);
                if (method == null || !selected.test(method)) {
                    return mv;
                }
                int id = idOf.applyAsInt(method);
                return new EntryHook(mv, owner, access, descriptor, id, major);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Emits the hook at {@code visitCode}, then the original body with the entry frame placed before it. */
    private static final class EntryHook extends MethodVisitor {
        private final String owner;
        private final int access;
        private final String descriptor;
        private final int id;
        private final boolean frames;
        private final boolean classConstants;
        /** The F_SAME frame for the start of the original body, still to be written before its first instruction. */
        private boolean framePending;

        EntryHook(MethodVisitor mv, String owner, int access, String descriptor, int id, int major) {
            super(OpenedClassReader.ASM_API, mv);
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
            pushInt(mv, args.length);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
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
        private void entryFrame() {
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
        public void visitInsn(int opcode) {
            entryFrame();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            entryFrame();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            entryFrame();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            entryFrame();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            entryFrame();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            entryFrame();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
                                           Object... bootstrapMethodArguments) {
            entryFrame();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            entryFrame();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            entryFrame();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            entryFrame();
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            entryFrame();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            entryFrame();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            entryFrame();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            entryFrame();
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
