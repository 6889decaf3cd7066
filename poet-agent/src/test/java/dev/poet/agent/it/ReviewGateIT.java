package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.StoreOperations;

/** {@code poet.review=manual}: a new version is stored, audited and verified, and runs only once approved. */
@ExtendWith(SuppressedErrorCheck.class)
class ReviewGateIT {

    @Test
    void nothingRunsUntilApprovedThenTheApprovedVersionWithinFiveSeconds() throws Exception {
        Path work = Files.createTempDirectory("poet-review");
        int[] next = {0};
        String key;
        try (RunningJvm app = Operating.app(work, 1).property("poet.review", "manual")
                .property("poet.operate.poll-ms", "200").start()) {
            app.awaitOutput("ready", 60_000);
            // Eager activation: the first call waited for the activation, which held the new version back.
            assertThat(Operating.call(app, next)).contains("failed after 1 attempts");
            StoreOperations ops = new StoreOperations(work.resolve(".poet"), "");
            key = ops.resolve("Operated.fetch");
            Operating.awaitStatus(work, key, s -> "awaiting_review".equals(s.path("state").asText()), 30_000);
            MethodView waiting = ops.method(key);
            assertThat(waiting.awaitingReview()).containsExactly("v1");
            assertThat(waiting.state()).isEqualTo("awaiting_review");
            assertThat(ops.versions(key).get(0).status()).isEqualTo("awaiting_review");
            assertThat(work.resolve(".poet/methods").resolve(key).resolve("current")).doesNotExist();
            assertThat(Operating.call(app, next)).contains("failed after 1 attempts");

            ops.approve(key, "v1", "cli:reviewer");
            long start = System.currentTimeMillis();
            Operating.callUntil(app, next, l -> l.contains("ok: ") && l.contains("after 2 attempts"), 5_000);
            assertThat(System.currentTimeMillis() - start).isLessThan(5_000);
            Operating.awaitStatus(work, key, s -> "active".equals(s.path("state").asText())
                    && "v1".equals(s.path("active_version").asText()), 5_000);
            JvmRun run = app.stop();
            assertThat(run.suppressedErrors()).as(run.toString()).isEmpty();
        }
        // Approved once, it runs after a restart under manual review too, without another review.
        JvmRun restarted = Operating.app(work, 1).property("poet.review", "manual").args("once").run();
        assertThat(restarted.stdout()).as(restarted.toString()).contains("call 0 ok: record 0 after 2 attempts");
        assertThat(Operating.current(work, key)).isEqualTo("v1");
    }
}
