package dev.poet.core.audit;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fixed tables of the audit: which JDK and POET types generated code may use, which type families are denied
 * outright, and which members are denied even on a type that is otherwise allowed. Built once; every lookup is a
 * hash probe or a scan of a short prefix list, so an audit costs microseconds per class.
 *
 * <p>Decisions that are not obvious from the tables:
 * <ul>
 *   <li>{@code Object.getClass()} is allowed and {@code Class} is restricted to a small safe set ({@code getName},
 *   {@code isInstance}, ...): messages like "expected Double, got " + v.getClass().getName() are common in
 *   enforce code, and every dangerous step from a {@code Class} (forName, getDeclared*, getClassLoader, newInstance,
 *   getResource*) is a member of {@code Class} that the safe set leaves out.</li>
 *   <li>{@code Thread} is restricted to {@code currentThread}, {@code isInterrupted}, {@code interrupted},
 *   {@code interrupt} and {@code getName}: generated code must restore an interrupt it caught, and must
 *   not sleep (the runtime's sleeper does that, bounded and testable) or start threads.</li>
 *   <li>{@code System} is restricted to clocks, {@code arraycopy}, {@code identityHashCode} and
 *   {@code lineSeparator}; {@code System.out/err} are denied because an enhancement reports through events.</li>
 *   <li>{@code wait}, {@code notify}, {@code notifyAll} and {@code finalize} are denied on every owner: a wait blocks
 *   where no loop budget can reach it, and they are inherited by every type, including allowed ones.</li>
 *   <li>Only the bridge types an enhancement works with are allowed; the rest of {@code dev.poet.bridge} (slots,
 *   dispatcher, hooks, guard) would let generated code replace other methods' enhancements or the engine.</li>
 *   <li>Of {@code LoopBudget} only {@code tick} is allowed: generated code must not refill its own budget.</li>
 * </ul>
 */
final class AccessRules {

    /** The rule of a reference to a type that no table allows. */
    static final String NOT_ALLOWED = "type not on the allow-list";

    private static final String RUNTIME_PREFIX = "dev/poet/runtime/";
    private static final String BRIDGE_PREFIX = "dev/poet/bridge/";
    private static final String BRIDGE_INTERNALS = "POET bridge internals (not for generated code)";

    private static final String FILES = "file system access";
    private static final String NETWORK = "network access";
    private static final String REFLECTION = "reflection";
    private static final String INVOKE = "method handles (java.lang.invoke)";
    private static final String PROCESS = "process execution and control";
    private static final String CLASS_LOADING = "class loading";
    private static final String THREADS = "threads and executors (use the phase runtime)";
    private static final String SLEEP = "sleeping (use the phase runtime's sleeper)";
    private static final String INTERNALS = "JDK internals";
    private static final String DESERIALISATION = "serialisation and deserialisation";
    private static final String MANAGEMENT = "JMX and management";
    private static final String PROPERTIES = "system properties";
    private static final String CONSOLE = "console output (report through events)";
    private static final String MONITORS = "monitor wait/notify";

    private static final Set<String> ALLOWED_TYPES = set(
            "java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer",
            "java/lang/CharSequence", "java/lang/Comparable", "java/lang/Iterable",
            "java/lang/Boolean", "java/lang/Byte", "java/lang/Short", "java/lang/Character", "java/lang/Integer",
            "java/lang/Long", "java/lang/Float", "java/lang/Double", "java/lang/Number",
            "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error",
            "java/lang/AssertionError", "java/lang/IllegalArgumentException", "java/lang/IllegalStateException",
            "java/lang/NullPointerException", "java/lang/ArithmeticException",
            "java/lang/IndexOutOfBoundsException", "java/lang/ArrayIndexOutOfBoundsException",
            "java/lang/StringIndexOutOfBoundsException", "java/lang/UnsupportedOperationException",
            "java/lang/NumberFormatException", "java/lang/ClassCastException", "java/lang/InterruptedException",
            "java/io/IOException", "java/io/UncheckedIOException",
            "java/util/concurrent/TimeoutException", "java/util/concurrent/Callable",
            "java/util/concurrent/TimeUnit",
            "java/util/Collection", "java/util/List", "java/util/ArrayList", "java/util/LinkedList",
            "java/util/Map", "java/util/Map$Entry", "java/util/HashMap", "java/util/LinkedHashMap",
            "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap",
            "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet",
            "java/util/SortedSet", "java/util/NavigableSet", "java/util/Queue", "java/util/Deque",
            "java/util/ArrayDeque", "java/util/Iterator", "java/util/ListIterator",
            "java/util/Collections", "java/util/Arrays", "java/util/Objects",
            "java/util/Optional", "java/util/OptionalInt", "java/util/OptionalLong", "java/util/OptionalDouble",
            "java/util/NoSuchElementException", "java/util/ConcurrentModificationException",
            "java/util/regex/Pattern", "java/util/regex/Matcher", "java/util/regex/MatchResult",
            "java/util/regex/PatternSyntaxException",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/RoundingMode", "java/math/MathContext",
            "java/time/Duration", "java/time/Instant", "java/time/temporal/ChronoUnit");

    private static final Set<String> ALLOWED_BRIDGE_TYPES = set(
            "dev/poet/bridge/Enhancement", "dev/poet/bridge/Call", "dev/poet/bridge/MethodContext",
            "dev/poet/bridge/EnhancementError", "dev/poet/bridge/MethodStats", "dev/poet/bridge/Outcome",
            "dev/poet/bridge/ExecutionIds");

    /** Type families denied by package prefix; a prefix ending in '/' covers subpackages. */
    private static final String[][] DENIED_PREFIXES = {
            {"java/lang/reflect/", REFLECTION},
            {"java/lang/invoke/", INVOKE},
            {"java/lang/constant/", INVOKE},
            {"java/lang/instrument/", "instrumentation"},
            {"java/lang/management/", MANAGEMENT},
            {"java/lang/foreign/", "foreign memory and native access"},
            {"java/lang/Process", PROCESS},
            {"java/lang/Runtime$", PROCESS},
            {"java/lang/Thread$", THREADS},
            {"java/lang/System$", "system services"},
            {"java/lang/Module", CLASS_LOADING},
            {"java/io/File", FILES},
            {"java/io/Object", DESERIALISATION},
            {"java/nio/file/", FILES},
            {"java/nio/channels/", "file and socket channels"},
            {"java/net/", NETWORK},
            {"javax/net/", NETWORK},
            {"java/rmi/", "remote invocation"},
            {"java/util/concurrent/Executor", THREADS},
            {"java/util/concurrent/ForkJoin", THREADS},
            {"java/util/concurrent/ScheduledExecutor", THREADS},
            {"java/util/concurrent/ScheduledThreadPool", THREADS},
            {"java/util/concurrent/ThreadPool", THREADS},
            {"java/util/concurrent/CompletableFuture", THREADS},
            {"java/util/concurrent/locks/", "locks (blocking outside the loop budget)"},
            {"java/util/logging/", "logging (report through events)"},
            {"java/util/prefs/", "preferences store"},
            {"java/security/", "security and privileged actions"},
            {"java/beans/", DESERIALISATION},
            {"javax/naming/", "JNDI"},
            {"javax/script/", "scripting engines"},
            {"javax/management/", MANAGEMENT},
            {"javax/tools/", "in-process compilation"},
            {"sun/", INTERNALS},
            {"com/sun/", INTERNALS},
            {"jdk/", INTERNALS},
    };

    /** Types denied exactly (a prefix would catch innocent neighbours such as RuntimeException). */
    private static final Map<String, String> DENIED_TYPES = map(
            "java/lang/Runtime", PROCESS,
            "java/lang/ClassLoader", CLASS_LOADING,
            "java/lang/ThreadGroup", THREADS,
            "java/lang/SecurityManager", "security manager",
            "java/lang/StackWalker", REFLECTION,
            "java/io/RandomAccessFile", FILES,
            "java/io/Console", CONSOLE,
            "java/io/Serializable", DESERIALISATION,
            "java/io/Externalizable", DESERIALISATION,
            "java/util/ServiceLoader", CLASS_LOADING,
            "java/util/Timer", THREADS,
            "java/util/TimerTask", THREADS,
            "java/util/concurrent/ThreadFactory", THREADS);

    /** Types whose members are denied unless listed as safe; the value is the reason for the rest. */
    private static final Map<String, Restriction> RESTRICTED_TYPES = new HashMap<>();

    /** Members denied on an otherwise allowed type: owner -> name -> reason. */
    private static final Map<String, Map<String, String>> DENIED_MEMBERS = new HashMap<>();

    /** Members every type has that reveal nothing: allowed even on types with denied members. */
    private static final Set<String> UNIVERSALLY_SAFE = set(
            "equals(Ljava/lang/Object;)Z", "hashCode()I", "toString()Ljava/lang/String;");

    static {
        DENIED_MEMBERS.put("java/lang/Integer", map("getInteger", PROPERTIES));
        DENIED_MEMBERS.put("java/lang/Long", map("getLong", PROPERTIES));
        DENIED_MEMBERS.put("java/lang/Boolean", map("getBoolean", PROPERTIES));
        // The parallel variants run on the common ForkJoinPool: threads in disguise.
        DENIED_MEMBERS.put("java/util/Arrays", map("parallelSort", THREADS, "parallelPrefix", THREADS,
                "parallelSetAll", THREADS));
        DENIED_MEMBERS.put("java/util/concurrent/TimeUnit", map("sleep", SLEEP, "timedWait", MONITORS,
                "timedJoin", THREADS));
        RESTRICTED_TYPES.put("java/lang/Object", new Restriction(MONITORS, map(),
                "<init>", "equals", "hashCode", "toString", "getClass", "clone"));
        RESTRICTED_TYPES.put("java/lang/Class", new Restriction(REFLECTION, map(
                        "getClassLoader", CLASS_LOADING, "forName", REFLECTION + " (class loading)",
                        "getResource", "resource access", "getResourceAsStream", "resource access",
                        "getProtectionDomain", "security and privileged actions"),
                "getName", "getSimpleName", "getTypeName", "getCanonicalName", "isInstance", "isArray",
                "isPrimitive", "isInterface", "isEnum", "isAssignableFrom", "cast", "getComponentType", "toString",
                "equals", "hashCode", "desiredAssertionStatus"));
        RESTRICTED_TYPES.put("java/lang/System", new Restriction("system services", map(
                        "exit", PROCESS, "getenv", "environment variables",
                        "getProperty", PROPERTIES, "getProperties", PROPERTIES, "setProperty", PROPERTIES,
                        "clearProperty", PROPERTIES, "setProperties", PROPERTIES,
                        "setOut", CONSOLE, "setErr", CONSOLE, "setIn", "console input",
                        "out", CONSOLE, "err", CONSOLE, "in", "console input", "console", CONSOLE,
                        "load", "native code loading", "loadLibrary", "native code loading",
                        "mapLibraryName", "native code loading",
                        "setSecurityManager", "security manager", "getSecurityManager", "security manager",
                        "gc", "garbage collector control", "runFinalization", "garbage collector control",
                        "inheritedChannel", "file and socket channels", "getLogger", "logging (report through events)"),
                "nanoTime", "currentTimeMillis", "arraycopy", "identityHashCode", "lineSeparator"));
        RESTRICTED_TYPES.put("java/lang/Thread", new Restriction(THREADS, map(
                        "sleep", SLEEP, "getContextClassLoader", CLASS_LOADING,
                        "setContextClassLoader", CLASS_LOADING),
                "currentThread", "isInterrupted", "interrupted", "interrupt", "getName", "equals", "hashCode",
                "toString"));
        RESTRICTED_TYPES.put("dev/poet/runtime/budget/LoopBudget", new Restriction("loop budget control", map(),
                "tick", "remaining", "DEFAULT_BUDGET"));
        // Generated code receives its Call; making one (verification's factory) is the engine's business.
        RESTRICTED_TYPES.put("dev/poet/bridge/Call", new Restriction("creating calls (engine only)", map(),
                "context", "self", "executionId", "attempts", "originalRan", "proceed", "attempt", "thrownByOriginal",
                "equals", "hashCode", "toString", "getClass"));
    }

    private AccessRules() {
    }

    /**
     * Why the type family of {@code internalName} is denied, or {@code null} when it is not. Does not consider the
     * allow-list: a denied family stays denied for members even when a policy lists the type.
     */
    static String deniedTypeReason(String internalName) {
        String exact = DENIED_TYPES.get(internalName);
        if (exact != null) {
            return exact;
        }
        for (String[] prefix : DENIED_PREFIXES) {
            if (internalName.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return null;
    }

    /** Whether {@code internalName} is allowed by the fixed tables (JDK allow-list, bridge, phase runtime). */
    static boolean isAllowedType(String internalName) {
        return ALLOWED_TYPES.contains(internalName)
                || RESTRICTED_TYPES.containsKey(internalName)
                || ALLOWED_BRIDGE_TYPES.contains(internalName)
                || internalName.startsWith(RUNTIME_PREFIX);
    }

    /** Why a non-allowed POET type is denied, or {@code null} when it is not one. */
    static String poetInternalsReason(String internalName) {
        return internalName.startsWith(BRIDGE_PREFIX) ? BRIDGE_INTERNALS : null;
    }

    /** Whether {@code internalName} is a type whose members are allowed only from a safe list. */
    static boolean isRestricted(String internalName) {
        return RESTRICTED_TYPES.containsKey(internalName);
    }

    /** The reason for members of a restricted type outside its safe list, for policies that extend it. */
    static String restrictionReason(String internalName) {
        Restriction r = RESTRICTED_TYPES.get(internalName);
        return r == null ? null : r.fallbackReason;
    }

    /**
     * Why {@code owner.name} is denied on an owner the allow-list admits (a restricted type or an explicitly denied
     * member), or {@code null} when the member is fine as far as these tables know.
     */
    static String deniedMemberReason(String owner, String name) {
        Restriction r = RESTRICTED_TYPES.get(owner);
        if (r != null) {
            return r.reasonFor(name);
        }
        Map<String, String> denied = DENIED_MEMBERS.get(owner);
        return denied == null ? null : denied.get(name);
    }

    /** Why a member is denied on every owner (wait, notify, finalize, printStackTrace), or {@code null}. */
    static String deniedOnEveryOwner(String name, String descriptor) {
        switch (name) {
            case "wait":
                return descriptor.equals("()V") || descriptor.equals("(J)V") || descriptor.equals("(JI)V")
                        ? MONITORS : null;
            case "notify":
            case "notifyAll":
                return descriptor.equals("()V") ? MONITORS : null;
            case "finalize":
                return descriptor.equals("()V") ? "finalization" : null;
            case "printStackTrace":
                return CONSOLE;
            default:
                return null;
        }
    }

    /** Whether {@code name + descriptor} is one of equals/hashCode/toString, harmless on any type. */
    static boolean isUniversallySafe(String name, String descriptor) {
        return UNIVERSALLY_SAFE.contains(name + descriptor);
    }

    private static Set<String> set(String... values) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(values)));
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A type of which only some members are safe. */
    private static final class Restriction {
        final String fallbackReason;
        final Map<String, String> reasons;
        final Set<String> safe;

        Restriction(String fallbackReason, Map<String, String> reasons, String... safe) {
            this.fallbackReason = fallbackReason;
            this.reasons = reasons;
            this.safe = set(safe);
        }

        String reasonFor(String name) {
            if (safe.contains(name)) {
                return null;
            }
            String specific = reasons.get(name);
            return specific != null ? specific : fallbackReason;
        }
    }
}
