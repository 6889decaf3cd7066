package dev.poet.core.audit;

import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Type;

/**
 * What the audit allows beyond its fixed tables for one instrumented method: the application types of its
 * signature (declaring class, parameter, return and declared exception types). Generated code may name them, cast
 * to them and call their members.
 *
 * <p>The member deny-list still wins. A listed type that is itself in a denied family ({@code java.io.File},
 * {@code java.nio.file.Path}) may be named and cast to, but of its members only {@code equals}, {@code hashCode} and
 * {@code toString} may be used. When the policy is built from {@link Class} objects, an application type that
 * extends or implements a denied type ({@code class Worker extends Thread}) is treated the same way for the members
 * of that ancestor ({@code start}, {@code join}, ...), while its own members stay usable. A policy built from names
 * alone cannot see the hierarchy of an application type; prefer the {@code Class} forms.
 *
 * <p>Immutable and thread-safe; build one per instrumented method (or per instrumented class, by listing the types
 * of all its enhanced methods) and reuse it.
 */
public final class AuditPolicy {

    private static final AuditPolicy EMPTY = new AuditPolicy(Collections.emptyMap());

    private final Map<String, AppType> appTypes;

    private AuditPolicy(Map<String, AppType> appTypes) {
        this.appTypes = appTypes;
    }

    /** A policy that allows no application types: only the fixed tables apply. */
    public static AuditPolicy none() {
        return EMPTY;
    }

    /** The policy for enhancing {@code method}: its declaring class and signature types. */
    public static AuditPolicy forMethod(Method method) {
        Builder b = builder().allow(method.getDeclaringClass()).allow(method.getReturnType());
        for (Class<?> p : method.getParameterTypes()) {
            b.allow(p);
        }
        for (Class<?> e : method.getExceptionTypes()) {
            b.allow(e);
        }
        return b.build();
    }

    /**
     * The policy for a method known only by name, as a class-file transformer sees it.
     *
     * @param declaringClass  binary or internal name of the class declaring the method
     * @param descriptor      the method's JVM descriptor
     * @param exceptionTypes  the declared exception types, binary or internal names
     */
    public static AuditPolicy forSignature(String declaringClass, String descriptor,
                                           Collection<String> exceptionTypes) {
        Builder b = builder().allowName(declaringClass);
        Type method = Type.getMethodType(descriptor);
        b.allowType(method.getReturnType());
        for (Type p : method.getArgumentTypes()) {
            b.allowType(p);
        }
        for (String e : exceptionTypes) {
            b.allowName(e);
        }
        return b.build();
    }

    /** A builder to which types are added one by one. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code internalName} is one of this policy's application types. */
    boolean allows(String internalName) {
        return appTypes.containsKey(internalName);
    }

    /**
     * Why {@code owner.name} is denied on an application type, or {@code null} when it is allowed (also when the
     * type is not one of this policy's).
     */
    String deniedMemberReason(String owner, String name, String descriptor) {
        AppType t = appTypes.get(owner);
        if (t == null || t.reason == null || AccessRules.isUniversallySafe(name, descriptor)) {
            return null;
        }
        return t.deniedNames == null || t.deniedNames.contains(name) ? t.reason : null;
    }

    /**
     * Why extending or implementing {@code internalName} is denied, or {@code null}. A generated subclass of a type
     * with denied members could reach them through {@code super} or protected access.
     */
    String deniedSupertypeReason(String internalName) {
        AppType t = appTypes.get(internalName);
        return t == null ? null : t.reason;
    }

    /** The application types, as internal names; for messages and tests. */
    public Set<String> typeNames() {
        return Collections.unmodifiableSet(appTypes.keySet());
    }

    @Override
    public String toString() {
        return "AuditPolicy" + appTypes.keySet();
    }

    /** An application type and, when it has dangerous ancestry, what of it is denied. */
    private static final class AppType {
        static final AppType PLAIN = new AppType(null, null);

        /** Why some members are denied; {@code null} when none are. */
        final String reason;
        /** The denied member names; {@code null} means all but equals/hashCode/toString. */
        final Set<String> deniedNames;

        AppType(String reason, Set<String> deniedNames) {
            this.reason = reason;
            this.deniedNames = deniedNames;
        }
    }

    /** Collects application types. Not thread-safe. */
    public static final class Builder {

        private final Map<String, AppType> types = new HashMap<>();

        private Builder() {
        }

        /**
         * Allows {@code type} (arrays: their element type; primitives are ignored). Its ancestors are inspected so
         * that inherited dangerous members stay denied.
         */
        public Builder allow(Class<?> type) {
            Class<?> t = type;
            while (t != null && t.isArray()) {
                t = t.getComponentType();
            }
            if (t == null || t.isPrimitive()) {
                return this;
            }
            String name = Type.getInternalName(t);
            types.put(name, describe(name, t));
            return this;
        }

        /**
         * Allows the type named {@code name}: binary ({@code java.io.File}), internal ({@code java/io/File}),
         * descriptor ({@code [Ljava/io/File;}) or source array ({@code File[]}) spelling. Without the class at hand
         * only the type's own family is known, not its ancestors.
         */
        public Builder allowName(String name) {
            String internal = TypeNames.elementInternalName(name);
            if (internal != null && !types.containsKey(internal)) {
                types.put(internal, describeByName(internal));
            }
            return this;
        }

        private void allowType(Type type) {
            Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
            if (element.getSort() == Type.OBJECT) {
                allowName(element.getInternalName());
            }
        }

        /** The policy. The builder may be used further; later changes do not affect it. */
        public AuditPolicy build() {
            return new AuditPolicy(Collections.unmodifiableMap(new HashMap<>(types)));
        }

        private static AppType describeByName(String internal) {
            // Restricted types (Object, Class, Thread, ...) keep their own safe lists, whatever the policy says.
            String reason = AccessRules.isRestricted(internal) ? null : AccessRules.deniedTypeReason(internal);
            return reason == null ? AppType.PLAIN : new AppType(reason, null);
        }

        private static AppType describe(String internal, Class<?> type) {
            if (AccessRules.isRestricted(internal)) {
                return AppType.PLAIN;
            }
            String own = AccessRules.deniedTypeReason(internal);
            if (own != null) {
                return new AppType(own, null);
            }
            String reason = null;
            Set<String> denied = new HashSet<>();
            Set<Class<?>> seen = new HashSet<>();
            Deque<Class<?>> todo = new ArrayDeque<>();
            todo.add(type);
            while (!todo.isEmpty()) {
                Class<?> c = todo.poll();
                if (c == Object.class || !seen.add(c)) {
                    continue;
                }
                if (c != type) {
                    String ancestorReason = familyReason(Type.getInternalName(c));
                    if (ancestorReason != null) {
                        reason = reason == null ? ancestorReason : reason;
                        addMemberNames(c, denied);
                    }
                }
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                Collections.addAll(todo, c.getInterfaces());
            }
            if (reason == null) {
                return AppType.PLAIN;
            }
            return new AppType(reason, denied.contains("*") ? null : Collections.unmodifiableSet(denied));
        }

        /** The reason an ancestor's members are dangerous: a denied family, or a restricted type such as Thread. */
        private static String familyReason(String internal) {
            if (internal.equals("java/lang/Object")) {
                return null;
            }
            String reason = AccessRules.deniedTypeReason(internal);
            return reason != null ? reason : AccessRules.restrictionReason(internal);
        }

        private static void addMemberNames(Class<?> c, Set<String> names) {
            try {
                addNames(c.getMethods(), names);
                addNames(c.getDeclaredMethods(), names);
                addNames(c.getFields(), names);
                addNames(c.getDeclaredFields(), names);
            } catch (LinkageError | SecurityException e) {
                // An ancestor we cannot inspect: deny every member of the application type rather than guess.
                names.add("*");
            }
        }

        private static void addNames(Member[] members, Set<String> names) {
            for (Member m : members) {
                names.add(m.getName());
            }
        }

    }
}
