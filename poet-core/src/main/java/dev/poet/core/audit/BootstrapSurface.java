package dev.poet.core.audit;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What generated code may reach of the bootstrap ({@code dev.poet.bridge} and {@code dev.poet.runtime}): one
 * decision per class, never a package prefix. A bootstrap type that is not in this table is denied, type and
 * members, with a reason naming it; so a class added later to the bootstrap (an event
 * writer, a feedback store, a learner, a slot table) stays out of reach of generated code until someone adds it here
 * on purpose.
 *
 * <p>Each entry is one of:
 * <ul>
 *   <li>{@linkplain #only only}: the listed members, nothing else. Used for the types that carry the method's
 *   parameters, state or identity ({@code MethodContext}, {@code ParamsRef}, {@code Call}, {@code LoopBudget}):
 *   a member added to them later is denied until listed.</li>
 *   <li>{@linkplain #allBut all but}: every member except the listed ones, each with its reason. Used for the
 *   helpers whose instances the enhancement builds and owns (retry, breaker, validators, statistics), where a new
 *   builder option is as harmless as the existing ones.</li>
 *   <li>{@linkplain #denied denied}: the type itself, for the engine's machinery (slots, dispatcher, counters).</li>
 * </ul>
 * Constructors are the member {@code <init>}. {@code equals}, {@code hashCode} and {@code toString} are allowed on
 * every type that is not denied. Only types marked {@code extendable} may be a generated class's supertype: the
 * interfaces generated code implements ({@code Enhancement}, {@code Attempt}, classifiers, predicates) and
 * {@code Rule}.
 */
final class BootstrapSurface {

    private static final String BRIDGE = "dev/poet/bridge/";
    private static final String RUNTIME = "dev/poet/runtime/";
    private static final String BOOTSTRAP_UNKNOWN = "POET bootstrap type not on the audit's per-class list"
            + " (a new bootstrap type is denied to generated code until it is allowed there on purpose)";

    private static final String BRIDGE_INTERNALS = "POET bridge internals (not for generated code)";
    private static final String PARAMS_WRITE = "changing the method's parameters (engine and learning only)";
    private static final String ENGINE_ONLY = "engine only";
    private static final String COUNTERS = "the method's counters (engine only)";
    private static final String BUDGET = "loop budget control (engine only)";
    private static final String SLEEP = "sleeping (the phase runtime sleeps, bounded, on the enhancement's behalf)";
    private static final String THREADS = "threads and executors (the phase runtime owns them)";
    private static final String FACADE = "the application facade's bridge (the application's, not generated code's)";
    private static final String TEST_SUPPORT = "test support, not for generated code";

    private static final Map<String, Entry> TYPES = new HashMap<>();

    static {
        // The bridge: what an enhancement is handed, and nothing of the machinery that hands it over.
        only("dev/poet/bridge/MethodContext", "MethodContext member not on the audit's list",
                "id", "key", "className", "methodName", "descriptor", "parameterCount", "parameterType",
                "parameterName", "returnType", "isVoid", "declares", "isStatic", "isSynchronized", "domain",
                "params", "paramsRef", "events")
                .deny("<init>", "creating method contexts (" + ENGINE_ONLY + ")")
                .deny("stats", COUNTERS);
        only("dev/poet/bridge/Call", "creating calls (" + ENGINE_ONLY + ")",
                "context", "self", "executionId", "attempts", "originalRan", "proceed", "attempt",
                "thrownByOriginal", "getClass");
        only("dev/poet/bridge/Enhancement", "Enhancement member not on the audit's list",
                "perceive", "operate", "enforce").extendable();
        allBut("dev/poet/bridge/EnhancementError").extendable();
        denied("dev/poet/bridge/MethodStats", COUNTERS);
        denied("dev/poet/bridge/ExecutionIds", "execution ids (" + ENGINE_ONLY + ")");
        denied("dev/poet/bridge/Slots", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/Dispatcher", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/BridgeHooks", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/ActiveMethod", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/PendingActivation", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/ReentryGuard", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/Outcome", BRIDGE_INTERNALS);
        denied("dev/poet/bridge/Types", BRIDGE_INTERNALS);
        // The application's door to the engine: feedback written from generated code would be the enhancement
        // grading itself, and reading the current execution it already has through Call.
        denied("dev/poet/bridge/facade/FacadeBridge", FACADE);
        denied("dev/poet/bridge/facade/FeedbackHandler", FACADE);

        // Parameters: read, never replaced. A snapshot is immutable, so all of Params is harmless.
        allBut("dev/poet/runtime/params/Params");
        only("dev/poet/runtime/params/ParamsRef", PARAMS_WRITE, "get")
                .deny("set", PARAMS_WRITE)
                .deny("<init>", "creating parameter references (" + ENGINE_ONLY + ")");

        // Derived values are rebuilt from the current snapshot; reading them changes nothing.
        allBut("dev/poet/runtime/params/Derived");
        allBut("dev/poet/runtime/params/MissingParameterException");

        // Operate′'s wiring, which the enhancement builds and owns; it reads parameters, never writes them.
        allBut("dev/poet/runtime/reliability/Reliability");
        allBut("dev/poet/runtime/reliability/Reliability$Builder").deny("sleeper", SLEEP);

        // The loop budget: generated code may spend it, never refill or reset it.
        only("dev/poet/runtime/budget/LoopBudget", BUDGET, "tick", "remaining", "DEFAULT_BUDGET");
        allBut("dev/poet/runtime/budget/LoopBudgetExceededError")
                .deny("<init>", "raising the loop budget's own error (the budget raises it)");

        allBut("dev/poet/runtime/Attempt").extendable();
        allBut("dev/poet/runtime/FailureClassifier").extendable();
        allBut("dev/poet/runtime/TransientFailures");
        // Marking its own exceptions as POET's deliberate failures would change how the engine counts them.
        allBut("dev/poet/runtime/DeliberateFailure");

        allBut("dev/poet/runtime/retry/Retry");
        allBut("dev/poet/runtime/retry/Retry$Builder").deny("sleeper", SLEEP);
        allBut("dev/poet/runtime/retry/RetryBudget");
        allBut("dev/poet/runtime/retry/RetryConfig");
        allBut("dev/poet/runtime/retry/RetryConfig$Builder");
        allBut("dev/poet/runtime/retry/ResultPredicate").extendable();
        allBut("dev/poet/runtime/retry/RetryAfter").extendable();
        allBut("dev/poet/runtime/retry/RetryAfterSource").extendable();

        // The breaker is the enhancement's own, but whether it closes again is the window's decision.
        allBut("dev/poet/runtime/breaker/CircuitBreaker").deny("reset", "resetting the breaker (operators only)");
        allBut("dev/poet/runtime/breaker/CircuitBreaker$Builder");
        allBut("dev/poet/runtime/breaker/CircuitBreakerConfig");
        allBut("dev/poet/runtime/breaker/CircuitBreakerConfig$Builder");
        allBut("dev/poet/runtime/breaker/CircuitState");
        allBut("dev/poet/runtime/breaker/WindowType");
        allBut("dev/poet/runtime/breaker/BreakerOpenException");
        allBut("dev/poet/runtime/breaker/BreakerOpenIOException");

        allBut("dev/poet/runtime/deadline/Deadline");
        allBut("dev/poet/runtime/deadline/Deadline$Builder").deny("executor", THREADS);
        allBut("dev/poet/runtime/deadline/DeadlineExceededException");
        allBut("dev/poet/runtime/deadline/DeadlineExceededIOException");
        denied("dev/poet/runtime/deadline/DeadlineExecutor", THREADS);

        allBut("dev/poet/runtime/validate/Validator");
        allBut("dev/poet/runtime/validate/Rule").extendable();
        allBut("dev/poet/runtime/validate/Rules");
        allBut("dev/poet/runtime/validate/Mode");
        allBut("dev/poet/runtime/validate/LengthMatch");
        allBut("dev/poet/runtime/validate/InputRejectedException");
        allBut("dev/poet/runtime/constraint/Constraints");

        // Events are how an enhancement reports; emitting one changes nothing but the log and the counters of
        // reported violations.
        allBut("dev/poet/runtime/event/PhaseEventSink").extendable();
        allBut("dev/poet/runtime/event/PhaseEvent");
        allBut("dev/poet/runtime/event/EventEmitter");
        allBut("dev/poet/runtime/event/EventTypes");
        denied("dev/poet/runtime/event/InMemoryEventSink", TEST_SUPPORT);

        // Time: reading it is harmless (System.nanoTime is allowed too); sleeping is the runtime's.
        allBut("dev/poet/runtime/time/Clock").extendable();
        allBut("dev/poet/runtime/time/RandomSource").extendable();
        denied("dev/poet/runtime/time/Sleeper", SLEEP);
        denied("dev/poet/runtime/time/ManualClock", TEST_SUPPORT);
        // Reading the coarse clock is a volatile read; its ticker is a thread of the runtime's.
        allBut("dev/poet/runtime/time/CoarseClock").deny("start", THREADS);

        allBut("dev/poet/runtime/stats/Divergence");
        allBut("dev/poet/runtime/stats/DriftAnalyzer");
        allBut("dev/poet/runtime/stats/DriftReport");
        allBut("dev/poet/runtime/stats/KolmogorovSmirnov");
        allBut("dev/poet/runtime/stats/KolmogorovSmirnov$Result");
        allBut("dev/poet/runtime/stats/Windows");
        allBut("dev/poet/runtime/stats/Windows$Split");

        // Domain helpers: the enhancement builds and owns their instances.
        allBut("dev/poet/runtime/domain/apioperations/ApiOperations");
        allBut("dev/poet/runtime/domain/financialrisk/FinancialRisk");
        allBut("dev/poet/runtime/domain/llmops/LlmOps");
        allBut("dev/poet/runtime/domain/mlmonitoring/MlMonitor");
    }

    private BootstrapSurface() {
    }

    /**
     * Whether {@code internalName} is a bootstrap type, decided here rather than by the other tables. Other
     * {@code dev.poet} packages are not: the engine is not on the bootstrap class path, and an application may live
     * under {@code dev.poet} too (the sample application does), so they are left to the policy like any other name.
     */
    static boolean isPoet(String internalName) {
        return internalName.startsWith(BRIDGE) || internalName.startsWith(RUNTIME);
    }

    /** Why a reference to the POET type {@code internalName} alone is denied, or {@code null} when it is allowed. */
    static String typeReason(String internalName) {
        Entry e = TYPES.get(internalName);
        if (e == null) {
            return unknownReason(internalName);
        }
        return e.deniedReason;
    }

    /** Why {@code owner.name} is denied on the POET type {@code owner}, or {@code null} when it is allowed. */
    static String memberReason(String owner, String name, String descriptor) {
        Entry e = TYPES.get(owner);
        if (e == null) {
            return unknownReason(owner);
        }
        if (e.deniedReason != null) {
            return e.deniedReason;
        }
        String reason = e.deniedMembers.get(name);
        if (reason != null) {
            return reason;
        }
        if (e.allowedMembers == null || e.allowedMembers.contains(name)
                || AccessRules.isUniversallySafe(name, descriptor)) {
            return null;
        }
        return e.fallbackReason;
    }

    /** Why a generated class must not extend or implement the POET type {@code internalName}, or {@code null}. */
    static String supertypeReason(String internalName) {
        Entry e = TYPES.get(internalName);
        if (e == null) {
            return unknownReason(internalName);
        }
        if (e.deniedReason != null) {
            return e.deniedReason;
        }
        return e.extendable ? null : "extending or implementing a POET type not designed for it";
    }

    /** The types this table decides, as internal names; for tests that hold it to the bootstrap classes. */
    static Set<String> typeNames() {
        return Collections.unmodifiableSet(TYPES.keySet());
    }

    /** The member names an entry lists (allowed or denied), for the same tests. */
    static Set<String> listedMembers(String internalName) {
        Entry e = TYPES.get(internalName);
        Set<String> names = new java.util.HashSet<>(e.deniedMembers.keySet());
        if (e.allowedMembers != null) {
            names.addAll(e.allowedMembers);
        }
        return names;
    }

    private static String unknownReason(String internalName) {
        return BOOTSTRAP_UNKNOWN;
    }

    private static Entry only(String type, String fallbackReason, String... allowed) {
        return put(type, new Entry(null, Set.of(allowed), fallbackReason));
    }

    private static Entry allBut(String type) {
        return put(type, new Entry(null, null, null));
    }

    private static void denied(String type, String reason) {
        put(type, new Entry(reason, Set.of(), reason));
    }

    private static Entry put(String type, Entry e) {
        if (TYPES.put(type, e) != null) {
            throw new IllegalStateException("two entries for " + type);
        }
        return e;
    }

    /** One class's decision. Mutable only while the table is built in the static initialiser. */
    private static final class Entry {
        /** Why the whole type is denied; {@code null} when it may be referenced. */
        final String deniedReason;
        /** The only members allowed; {@code null} means every member not in {@link #deniedMembers}. */
        final Set<String> allowedMembers;
        /** The reason for members outside {@link #allowedMembers}. */
        final String fallbackReason;
        /** Members denied with their own reason; wins over {@link #allowedMembers}. */
        final Map<String, String> deniedMembers = new HashMap<>();
        boolean extendable;

        Entry(String deniedReason, Set<String> allowedMembers, String fallbackReason) {
            this.deniedReason = deniedReason;
            this.allowedMembers = allowedMembers;
            this.fallbackReason = fallbackReason;
        }

        Entry deny(String member, String reason) {
            deniedMembers.put(member, reason);
            return this;
        }

        Entry extendable() {
            extendable = true;
            return this;
        }
    }
}
