package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.StoreOperations;

/**
 * Changes written by another process, as the command line writes them (a {@link StoreOperations} in this JVM on
 * the application's {@code .poet}), reach the running application within 5 s: a rollback, a parameter, disabling
 * and enabling. One application JVM serves the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperateLiveIT {

    private static final long FIVE_SECONDS = 5_000;

    static Path work;
    static RunningJvm app;
    static StoreOperations ops;
    static String key;
    static final int[] next = {0};

    @BeforeAll
    static void twoVersionsThenARunningApplication() throws Exception {
        work = Files.createTempDirectory("poet-operate-live");
        JvmRun first = Operating.app(work, 1).args("once").run();
        JvmRun second = Operating.app(work, 2).args("once").run();
        assertThat(first.stdout()).as(first.toString()).contains("call 0 ok: record 0 after 2 attempts");
        assertThat(second.agentLines()).anyMatch(l -> l.contains("Operated.fetch: enhancement v2 active"));
        ops = new StoreOperations(work.resolve(".poet"), "");
        key = ops.resolve("Operated.fetch");
        app = Operating.app(work, 2).property("poet.operate.poll-ms", "200").start();
        app.awaitOutput("ready", 60_000);
        assertThat(Operating.call(app, next)).contains("ok: record 0 after 2 attempts");
        Operating.awaitStatus(work, key, s -> "v2".equals(s.path("active_version").asText()), 30_000);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            JvmRun run = app.stop();
            assertThat(run.suppressedErrors()).as(run.toString()).isEmpty();
        }
    }

    @Test
    @Order(1)
    void aRollbackRunsTheNamedVersionWithinFiveSeconds() throws Exception {
        ChangeReceipt r = ops.rollback(key, "v1", "cli:tester");
        assertThat(r.applied()).isFalse();
        long start = System.currentTimeMillis();
        Operating.awaitStatus(work, key, s -> "v1".equals(s.path("active_version").asText())
                && "active".equals(s.path("state").asText()), FIVE_SECONDS);
        assertThat(System.currentTimeMillis() - start).isLessThan(FIVE_SECONDS);
        assertThat(Operating.call(app, next)).contains("after 2 attempts");
        assertThat(Operating.current(work, key)).isEqualTo("v1");
        Operating.awaitLog(app, "operator change by cli:tester: rollback " + key + " to v1", FIVE_SECONDS);
        // The calls made are counted in the figures the command line reads.
        Operating.awaitStatus(work, key, s -> s.path("calls").asLong() >= 2, FIVE_SECONDS);
    }

    @Test
    @Order(2)
    void aParameterChangeRunsFromTheNextCallsWithoutRegeneration() throws Exception {
        assertThat(Operating.call(app, next)).contains("ok: ").contains("after 2 attempts");
        ops.setParams(key, Map.of("retries", "1"), "cli:tester");
        String failed = Operating.callUntil(app, next, l -> l.contains("failed after 1 attempts"), FIVE_SECONDS);
        assertThat(failed).contains("failed");
        ops.setParams(key, Map.of("retries", ""), "cli:tester");
        Operating.callUntil(app, next, l -> l.contains("ok: ") && l.contains("after 2 attempts"), FIVE_SECONDS);
        assertThat(Files.exists(work.resolve(".poet/methods").resolve(key).resolve("v3"))).isFalse();
    }

    @Test
    @Order(3)
    void disablingRunsTheOriginalAndEnablingTheVersionAgain() throws Exception {
        ops.setEnabled(key, false, "cli:tester");
        Operating.callUntil(app, next, l -> l.contains("failed after 1 attempts"), FIVE_SECONDS);
        Operating.awaitStatus(work, key, s -> "disabled".equals(s.path("state").asText()), FIVE_SECONDS);
        ops.setEnabled(key, true, "cli:tester");
        Operating.callUntil(app, next, l -> l.contains("ok: ") && l.contains("after 2 attempts"), FIVE_SECONDS);
        Operating.awaitStatus(work, key, s -> "active".equals(s.path("state").asText())
                && "v1".equals(s.path("active_version").asText()), FIVE_SECONDS);
    }
}
