package dev.poet.bridge;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's promises, with hand-written enhancements around a real method: our failures never change the
 * outcome, the original's exceptions pass through as the same instance, and the body never runs twice because
 * of us.
 */
class DispatcherTest {

    private static final int ID = 17;

    /** The "original": counts its runs, throws on negative input. */
    static final AtomicInteger RUNS = new AtomicInteger();
    static final IOException FAILURE = new IOException("original failed");

    public static String original(String prefix, int n) throws IOException {
        RUNS.incrementAndGet();
        if (n < 0) {
            throw FAILURE;
        }
        return prefix + n;
    }

    private static final List<String> ownFailures = new ArrayList<>();

    /** What the active methods below are built with: records each own failure reported. */
    private static final FailureReporter RECORDING = (method, phase, failure) ->
            ownFailures.add(phase + ": " + failure.getMessage());

    @BeforeEach
    void installHooks() {
        RUNS.set(0);
        ownFailures.clear();
        Dispatcher.install(new BridgeHooks() {
            @Override
            public Object discovered(int methodId, Class<?> declaringType) {
                return null;
            }

            @Override
            public ActiveMethod awaitActivation(int methodId, PendingActivation pending) {
                return null;
            }
        });
    }

    @AfterEach
    void uninstall() {
        Dispatcher.install(null);
    }

    /** An enhancement built from three phase bodies. */
    interface Phases {
        Object[] perceive(Call call, Object[] args) throws Throwable;

        default Object operate(Call call, Object[] args) throws Throwable {
            return call.proceed(args);
        }

        default Object enforce(Call call, Object result) throws Throwable {
            return result;
        }
    }

    private static ActiveMethod active(Phases phases) throws Exception {
        MethodHandle target = MethodHandles.lookup().findStatic(DispatcherTest.class, "original",
                MethodType.methodType(String.class, String.class, int.class)).asSpreader(Object[].class, 2);
        MethodHandle original = MethodHandles.dropArguments(target, 0, Object.class)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        MethodContext context = new MethodContext(ID, "key", DispatcherTest.class.getName(), "original",
                "(Ljava/lang/String;I)Ljava/lang/String;", new Class<?>[] {String.class, int.class},
                new String[] {"prefix", "n"}, String.class, new Class<?>[] {IOException.class}, true, false, "base",
                new ParamsRef(Params.EMPTY), PhaseEventSink.NONE, new MethodStats());
        Enhancement enhancement = new Enhancement() {
            @Override
            public Object[] perceive(Call call, Object[] args) throws Throwable {
                return phases.perceive(call, args);
            }

            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return phases.operate(call, args);
            }

            @Override
            public Object enforce(Call call, Object result) throws Throwable {
                return phases.enforce(call, result);
            }
        };
        return new ActiveMethod(context, enhancement, original, "v1", RECORDING);
    }

    private static Outcome call(ActiveMethod method, Object... args) {
        return Dispatcher.dispatch(method, ID, DispatcherTest.class, null, args);
    }

    @Test
    void enhancedCallReturnsTheEnforcedResult() throws Exception {
        ActiveMethod method = active(new Phases() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object enforce(Call call, Object result) {
                return result + "!";
            }
        });

        Outcome outcome = call(method, "n=", 3);

        assertThat(outcome.value).isEqualTo("n=3!");
        assertThat(RUNS).hasValue(1);
        assertThat(method.context().stats().calls.sum()).isEqualTo(1);
    }

    @Test
    void theOriginalsExceptionIsTheSameInstance() throws Exception {
        Outcome outcome = call(active((call, args) -> args), "x", -1);

        assertThat(outcome.thrown).isSameAs(FAILURE);
        assertThat(ownFailures).isEmpty();
    }

    @Test
    void perceiveFailingRunsTheOriginalInPlace() throws Exception {
        Outcome outcome = call(active((call, args) -> {
            args[1] = 99;
            throw new IllegalStateException("P broke");
        }), "x", 1);

        assertThat(outcome).as("null means: run the original body with its own arguments").isNull();
        assertThat(RUNS).hasValue(0);
        assertThat(ownFailures).containsExactly("perceive: P broke");
    }

    @Test
    void enforceFailingReturnsTheOriginalsResultWithoutRunningItAgain() throws Exception {
        Outcome outcome = call(active(new Phases() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object enforce(Call call, Object result) {
                throw new IllegalStateException("E broke");
            }
        }), "r", 5);

        assertThat(outcome.value).isEqualTo("r5");
        assertThat(RUNS).hasValue(1);
        assertThat(ownFailures).containsExactly("enforce: E broke");
    }

    @Test
    void operateFailingAfterTheOriginalThrewRethrowsTheOriginalsException() throws Exception {
        Outcome outcome = call(active(new Phases() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object operate(Call call, Object[] args) {
                try {
                    call.proceed(args);
                } catch (Throwable ignored) {
                    // a broken enhancement swallows it and fails on its own
                }
                throw new IllegalStateException("O broke");
            }
        }), "x", -1);

        assertThat(outcome.thrown).isSameAs(FAILURE);
        assertThat(RUNS).hasValue(1);
        assertThat(ownFailures).containsExactly("operate: O broke");
    }

    @Test
    void aWrongResultTypeIsOurFailure() throws Exception {
        Outcome outcome = call(active(new Phases() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return args;
            }

            @Override
            public Object enforce(Call call, Object result) {
                return 42;
            }
        }), "r", 1);

        assertThat(outcome.value).isEqualTo("r1");
        assertThat(ownFailures).singleElement().asString().contains("enforce returned java.lang.Integer");
    }

    @Test
    void wrongArgumentsToProceedNeverReachTheOriginal() throws Exception {
        Outcome outcome = call(active(new Phases() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return new Object[] {"only one"};
            }
        }), "x", 1);

        assertThat(outcome).isNull();
        assertThat(RUNS).hasValue(0);
        assertThat(ownFailures).singleElement().asString().contains("proceed() got 1 arguments");
    }

    @Test
    void deliberateFailuresReachTheCaller() throws Exception {
        class Rejected extends IllegalArgumentException implements DeliberateFailure {
            Rejected() {
                super("rejected on purpose");
            }
        }
        Rejected rejected = new Rejected();

        Outcome outcome = call(active((call, args) -> {
            throw rejected;
        }), "x", 1);

        assertThat(outcome.thrown).isSameAs(rejected);
        assertThat(ownFailures).isEmpty();
    }

    @Test
    void reentryOfTheSameMethodRunsTheOriginal() throws Exception {
        ActiveMethod method = active((call, args) -> args);
        ReentryGuard.enter(ID);
        try {
            assertThat(call(method, "x", 1)).isNull();
        } finally {
            ReentryGuard.exit(ID);
        }
        assertThat(call(method, "x", 1)).isNotNull();
    }

    @Test
    void withoutHooksAnUndiscoveredSlotRunsTheOriginal() {
        Dispatcher.install(null);
        assertThat(Dispatcher.dispatch(Slots.UNDISCOVERED, ID, DispatcherTest.class, null, new Object[] {"x", 1}))
                .isNull();
    }
}
