package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.deadline.Deadline;
import dev.poet.runtime.deadline.DeadlineExceededException;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a call holds and hands out: its Attempt view, its outcome, and the verification call. */
class CallTest {

    private static final int ID = 23;
    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    /** The arguments the original ran with, in order. */
    static final java.util.List<String> RAN_WITH = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static String echo(String s) throws InterruptedException {
        if (s.equals("late")) {
            // Like a body that ignores the deadline's interrupt: it completes after the caller gave up.
            boolean done = false;
            while (!done) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                    done = true;
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
        }
        RUNS.incrementAndGet();
        RAN_WITH.add(s);
        return s + "!";
    }

    @AfterEach
    void openGate() {
        gate.countDown();
    }

    private static MethodContext context() {
        return context(ID);
    }

    private static MethodContext context(int id) {
        return new MethodContext(id, "key", CallTest.class.getName(), "echo", "(Ljava/lang/String;)Ljava/lang/String;",
                new Class<?>[] {String.class}, new String[] {"s"}, String.class,
                new Class<?>[] {InterruptedException.class}, true, false, "base", new ParamsRef(Params.EMPTY),
                PhaseEventSink.NONE, new MethodStats());
    }

    private static ActiveMethod active(Enhancement enhancement) throws Exception {
        return active(enhancement, ID);
    }

    private static ActiveMethod active(Enhancement enhancement, int id) throws Exception {
        MethodHandle target = MethodHandles.lookup().findStatic(CallTest.class, "echo",
                MethodType.methodType(String.class, String.class)).asSpreader(Object[].class, 1);
        MethodHandle original = MethodHandles.dropArguments(target, 0, Object.class)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        return new ActiveMethod(context(id), enhancement, original, "v1");
    }

    /** Operate′ in terms of {@link Call#attempt(Object[])}, as a template writes it. */
    abstract static class ThroughAttempt implements Enhancement {
        @Override
        public Object[] perceive(Call call, Object[] args) {
            return args;
        }

        @Override
        public Object enforce(Call call, Object result) {
            return result;
        }
    }

    @Test
    void theAttemptOfOperatesArgumentsIsTheCallItselfAndRunsTheOriginal() throws Exception {
        AtomicReference<Attempt> seen = new AtomicReference<>();
        AtomicReference<Call> theCall = new AtomicReference<>();
        ActiveMethod method = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                theCall.set(call);
                Attempt attempt = call.attempt(args);
                seen.set(attempt);
                return attempt.run();
            }
        });
        RUNS.set(0);

        Outcome outcome = Dispatcher.dispatch(method, ID, CallTest.class, null, new Object[] {"a"});

        assertThat(outcome.value).isEqualTo("a!");
        assertThat(seen.get()).as("no Attempt object of its own").isSameAs(theCall.get());
        assertThat(theCall.get().attempts()).isEqualTo(1);
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void theAttemptOfOtherArgumentsRunsThoseArguments() throws Exception {
        AtomicReference<Attempt> seen = new AtomicReference<>();
        AtomicReference<Call> theCall = new AtomicReference<>();
        ActiveMethod method = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                theCall.set(call);
                Attempt attempt = call.attempt(new Object[] {"other"});
                seen.set(attempt);
                return attempt.run();
            }
        });

        Outcome outcome = Dispatcher.dispatch(method, ID, CallTest.class, null, new Object[] {"a"});

        assertThat(outcome.value).isEqualTo("other!");
        assertThat(seen.get()).isNotSameAs(theCall.get());
        assertThat(theCall.get().attempts()).isEqualTo(1);
    }

    /**
     * A deadline gives up on an attempt still running on another thread; when that attempt completes later, the
     * outcome already handed back must not change, and it runs with its own arguments although the thread has
     * dispatched another call in the meantime (the call object and argument array are recycled per thread).
     */
    @Test
    void anAbandonedAttemptCompletingLaterCannotChangeTheOutcome() throws Exception {
        Deadline deadline = Deadline.enforced("key", 50, false, false, PhaseEventSink.NONE);
        ActiveMethod method = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return deadline.execute(call.attempt(args));
            }
        });
        gate = new CountDownLatch(1);
        RUNS.set(0);
        RAN_WITH.clear();

        Object[] lateArgs = Dispatcher.arguments(1);
        lateArgs[0] = "late";
        Outcome outcome = Dispatcher.dispatch(method, ID, CallTest.class, null, lateArgs);
        Throwable gaveUp = outcome.thrown;
        assertThat(gaveUp).isInstanceOf(DeadlineExceededException.class);

        Object[] nextArgs = Dispatcher.arguments(1);
        nextArgs[0] = "next";
        Outcome next = Dispatcher.dispatch(method, ID, CallTest.class, null, nextArgs);
        assertThat(next.value).isEqualTo("next!");
        assertThat(next).as("the abandoned call is not recycled").isNotSameAs(outcome);
        assertThat(nextArgs).as("nor its argument array").isNotSameAs(lateArgs);

        gate.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RUNS.get() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }

        assertThat(RUNS).as("the abandoned attempt did run").hasValue(2);
        assertThat(RAN_WITH).containsExactly("next", "late");
        assertThat(outcome.thrown).isSameAs(gaveUp);
        assertThat(outcome.value).isNull();
    }

    /** Calls that never leave their thread share one call object and one argument array, both cleared between. */
    @Test
    void aThreadRecyclesItsCallAndArgumentArray() throws Exception {
        AtomicReference<Call> seen = new AtomicReference<>();
        ActiveMethod method = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                seen.set(call);
                return call.attempt(args).run();
            }
        });
        Object[] first = Dispatcher.arguments(1);
        first[0] = "a";
        Outcome a = Dispatcher.dispatch(method, ID, CallTest.class, null, first);
        assertThat(a.value).isEqualTo("a!");
        String firstId = seen.get().executionId();
        assertThat(first[0]).as("the array keeps no argument alive").isNull();

        Object[] second = Dispatcher.arguments(1);
        second[0] = "b";
        Outcome b = Dispatcher.dispatch(method, ID, CallTest.class, null, second);

        assertThat(second).isSameAs(first);
        assertThat(b).isSameAs(a);
        assertThat(b.value).isEqualTo("b!");
        assertThat(seen.get().attempts()).isEqualTo(1);
        assertThat(seen.get().executionId()).isNotEqualTo(firstId);
    }

    /** An enhanced call inside another gets its own call object and array: the outer one's stay untouched. */
    @Test
    void aNestedCallDoesNotTouchTheOuterCallsObjects() throws Exception {
        int innerId = ID + 1;
        ActiveMethod inner = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                return call.attempt(args).run();
            }
        }, innerId);
        AtomicReference<Object> innerValue = new AtomicReference<>();
        AtomicReference<Object[]> innerArgs = new AtomicReference<>();
        AtomicReference<String> outerArgAfterInner = new AtomicReference<>();
        ActiveMethod outer = active(new ThroughAttempt() {
            @Override
            public Object operate(Call call, Object[] args) throws Throwable {
                Object[] nested = Dispatcher.arguments(1);
                innerArgs.set(nested);
                nested[0] = "inner";
                innerValue.set(Dispatcher.dispatch(inner, innerId, CallTest.class, null, nested).value);
                outerArgAfterInner.set((String) args[0]);
                return call.attempt(args).run();
            }
        });
        Object[] outerArgs = Dispatcher.arguments(1);
        outerArgs[0] = "outer";

        Outcome outcome = Dispatcher.dispatch(outer, ID, CallTest.class, null, outerArgs);

        assertThat(innerArgs.get()).isNotSameAs(outerArgs);
        assertThat(innerValue.get()).isEqualTo("inner!");
        assertThat(outerArgAfterInner.get()).isEqualTo("outer");
        assertThat(outcome.value).isEqualTo("outer!");
    }

    @Test
    void aVerificationCallHasTheContextButNoOriginal() {
        MethodContext context = context();
        Object[] args = {"sample"};
        Call call = Call.forVerification(context, null, args);

        assertThat(call.context()).isSameAs(context);
        assertThat(call.self()).isNull();
        assertThat(call.executionId()).matches(ExecutionIds::wellFormed).isEqualTo(call.executionId()).startsWith(ExecutionIds.RUN + "-");
        assertThat(Call.forVerification(context, null, args).executionId()).isNotEqualTo(call.executionId());
        assertThatThrownBy(() -> call.proceed(args)).isInstanceOf(EnhancementError.class)
                .hasMessage("proceed is not available during verification");
        assertThatThrownBy(() -> call.attempt(args).run()).isInstanceOf(EnhancementError.class)
                .hasMessage("proceed is not available during verification");
        assertThatThrownBy(() -> call.proceed(new Object[] {1})).isInstanceOf(EnhancementError.class)
                .hasMessageContaining("argument 0 (s) is java.lang.Integer");
    }
}
