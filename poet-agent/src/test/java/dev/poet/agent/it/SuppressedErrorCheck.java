package dev.poet.agent.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which the agent, in any JVM the test started, suppressed an error ({@code [poet] ERROR}
 * lines): errors we swallow to keep the application running must not go unnoticed. A test that provokes them on
 * purpose says so with {@link Expected}.
 */
public final class SuppressedErrorCheck implements BeforeEachCallback, AfterEachCallback {

    /** The test provokes suppressed errors on purpose. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Expected {
    }

    private static final ThreadLocal<List<JvmRun>> RUNS = ThreadLocal.withInitial(ArrayList::new);

    static void record(JvmRun run, boolean withAgent) {
        if (withAgent) {
            RUNS.get().add(run);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RUNS.get().clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<JvmRun> runs = new ArrayList<>(RUNS.get());
        RUNS.get().clear();
        boolean expected = context.getRequiredTestMethod().isAnnotationPresent(Expected.class);
        if (!expected && context.getExecutionException().isEmpty()) {
            verify(runs);
        }
    }

    /** Throws when any run has suppressed errors. */
    static void verify(List<JvmRun> runs) {
        for (JvmRun run : runs) {
            if (!run.suppressedErrors().isEmpty()) {
                throw new AssertionError("the agent suppressed errors: " + run.suppressedErrors() + "\n" + run);
            }
        }
    }
}
