package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The original implementation of one method as an enhanced call runs it: the exact handle, and the method's
 * context, against which every argument list is checked first so that a mistake of the enhancement is never
 * mistaken for a failure of the original. Shared by every call of the method.
 */
final class Original {

    static final MethodType TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);

    /** The original of a verification call: refuses to run. */
    private static final MethodHandle UNAVAILABLE;

    static {
        try {
            UNAVAILABLE = MethodHandles.lookup().findStatic(Original.class, "unavailable", TYPE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MethodContext context;
    /** {@code (Object self, Object[] args)Object}; for static methods {@code self} is ignored. */
    final MethodHandle handle;
    private final Class<?>[] boxedParameterTypes;

    Original(MethodContext context, MethodHandle handle) {
        if (!handle.type().equals(TYPE)) {
            throw new IllegalArgumentException("original must be of type " + TYPE + ", was " + handle.type());
        }
        this.context = context;
        this.handle = handle;
        this.boxedParameterTypes = new Class<?>[context.parameterCount()];
        for (int i = 0; i < boxedParameterTypes.length; i++) {
            boxedParameterTypes[i] = Types.box(context.parameterType(i));
        }
    }

    /**
     * The original of a call made to verify an enhancement before it is activated: it runs nothing and throws an
     * {@link EnhancementError} "proceed is not available during verification".
     */
    static Original unavailable(MethodContext context) {
        return new Original(context, UNAVAILABLE);
    }

    private static Object unavailable(Object self, Object[] args) {
        throw new EnhancementError("proceed is not available during verification");
    }

    /** Throws an {@link EnhancementError} unless {@code args} fit the method's parameters. */
    void checkArguments(Object[] args) {
        MethodContext ctx = context;
        int n = boxedParameterTypes.length;
        if (args == null || args.length != n) {
            throw new EnhancementError("proceed() got " + (args == null ? "no" : String.valueOf(args.length))
                    + " arguments, " + ctx.methodName() + " takes " + n);
        }
        for (int i = 0; i < n; i++) {
            Object arg = args[i];
            if (arg == null ? ctx.parameterType(i).isPrimitive() : !boxedParameterTypes[i].isInstance(arg)) {
                throw new EnhancementError("proceed() argument " + i + " (" + ctx.parameterName(i) + ") is "
                        + (arg == null ? "null" : arg.getClass().getName()) + ", expected "
                        + ctx.parameterType(i).getName());
            }
        }
    }
}
