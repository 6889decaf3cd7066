package dev.poet.core.verify;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Field-by-field access to application objects, so that {@link Values} can copy and compare them without running
 * any application code: a copy is allocated without calling a constructor of the class (the JDK's serialization
 * constructor, which runs only {@code Object()}), and its instance fields are read and set directly.
 *
 * <p>Only plain application classes qualify: loaded by an application class loader, with no JDK superclass but
 * {@code Object} (a subclass of {@code Thread} or {@code ArrayList} has state we cannot copy field by field), not
 * a record, hidden class, proxy or enum, and with every instance field accessible (a class in a named module that
 * is not open to us is not). Anything else stays shared by reference, as {@link Values} describes.
 */
final class ObjectFields {

    /** The fields of a copyable class and how to allocate it; {@link #NOT_COPYABLE} otherwise. */
    private record Layout(List<Field> fields, Constructor<?> allocator) {
    }

    private static final Layout NOT_COPYABLE = new Layout(List.of(), null);

    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            try {
                return layout(type);
            } catch (RuntimeException | LinkageError e) {
                // Inaccessible (a module not open to us), or no serialization constructor on this JVM.
                return NOT_COPYABLE;
            }
        }
    };

    private ObjectFields() {
    }

    /** Whether objects of exactly {@code type} are copied and compared field by field. */
    static boolean copyable(Class<?> type) {
        return LAYOUTS.get(type) != NOT_COPYABLE;
    }

    /** The instance fields of a {@link #copyable} type, its own and inherited ones. */
    static List<Field> fields(Class<?> type) {
        return LAYOUTS.get(type).fields();
    }

    /** A new, blank instance of a {@link #copyable} type; no application code runs. */
    static Object allocate(Class<?> type) throws ReflectiveOperationException {
        return LAYOUTS.get(type).allocator().newInstance();
    }

    private static Layout layout(Class<?> type) {
        if (type.getClassLoader() == null || type.isArray() || type.isPrimitive() || type.isInterface()
                || type.isRecord() || type.isHidden() || type.isEnum() || Proxy.isProxyClass(type)
                || Modifier.isAbstract(type.getModifiers())) {
            return NOT_COPYABLE;
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            if (c.getClassLoader() == null || c.isRecord() || c.isHidden()) {
                return NOT_COPYABLE;
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (!f.trySetAccessible()) {
                    return NOT_COPYABLE;
                }
                fields.add(f);
            }
        }
        Constructor<?> allocator = serializationConstructor(type);
        if (allocator == null) {
            return NOT_COPYABLE;
        }
        return new Layout(Collections.unmodifiableList(fields), allocator);
    }

    /** {@code sun.reflect.ReflectionFactory} (module jdk.unsupported), looked up so a JVM without it copies nothing. */
    private static Constructor<?> serializationConstructor(Class<?> type) {
        try {
            Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
            Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
            Object constructor = factoryClass.getMethod("newConstructorForSerialization", Class.class,
                    Constructor.class).invoke(factory, type, Object.class.getDeclaredConstructor());
            if (!(constructor instanceof Constructor)) {
                return null;
            }
            Constructor<?> c = (Constructor<?>) constructor;
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
