package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.poet.core.operate.StoreOperations;

/** What the store says runs after a restart: {@code current} (pinned by hand or by a rollback), a disabled method. */
@ExtendWith(SuppressedErrorCheck.class)
class OperateRestartIT {

    @Test
    void aRestartRunsTheVersionCurrentNamesNotTheNewest() throws Exception {
        Path work = Files.createTempDirectory("poet-operate-restart");
        Operating.app(work, 1).args("once").run();
        Operating.app(work, 2).args("once").run();
        StoreOperations ops = new StoreOperations(work.resolve(".poet"), "");
        String key = ops.resolve("Operated.fetch");
        assertThat(Operating.current(work, key)).isEqualTo("v2");

        // Pinned by hand, as an operator without the command line would.
        Files.writeString(work.resolve(".poet/methods").resolve(key).resolve("current"), "v1\n");
        JvmRun pinned = Operating.app(work, 2).args("once").run();
        assertThat(pinned.agentLines()).as(pinned.toString())
                .anyMatch(l -> l.contains("Operated.fetch: enhancement v1 active") && l.contains("reused"));
        assertThat(pinned.stdout()).contains("call 0 ok: record 0 after 2 attempts");
        assertThat(Operating.current(work, key)).isEqualTo("v1");

        // Through the operations the command line uses: a rollback to v2, then to v1 again.
        ops.rollback(key, "v2", "cli:tester");
        JvmRun second = Operating.app(work, 2).args("once").run();
        assertThat(second.agentLines()).anyMatch(l -> l.contains("Operated.fetch: enhancement v2 active"));
        ops.rollback(key, "v1", "cli:tester");
        JvmRun first = Operating.app(work, 2).args("once").run();
        assertThat(first.agentLines()).as(first.toString())
                .anyMatch(l -> l.contains("Operated.fetch: enhancement v1 active") && l.contains("reused"));
        assertThat(Operating.current(work, key)).isEqualTo("v1");
        assertThat(ops.versions(key)).filteredOn(v -> v.name().equals("v2")).first()
                .satisfies(v -> assertThat(v.status()).isEqualTo("rolled_back"));
    }

    @Test
    void aDisabledMethodStaysOnItsOriginalAfterARestart() throws Exception {
        Path work = Files.createTempDirectory("poet-operate-disabled");
        JvmRun enhanced = Operating.app(work, 1).args("once").run();
        assertThat(enhanced.stdout()).contains("call 0 ok: record 0 after 2 attempts");
        StoreOperations ops = new StoreOperations(work.resolve(".poet"), "");
        String key = ops.resolve("com.example.operate.Operated.fetch");
        ops.setEnabled(key, false, "cli:tester");

        JvmRun disabled = Operating.app(work, 1).args("once").run();
        assertThat(disabled.stdout()).as(disabled.toString()).contains("call 0 failed after 1 attempts");
        assertThat(disabled.agentLines()).anyMatch(l -> l.contains("held back"));

        ops.setEnabled(key, true, "cli:tester");
        JvmRun again = Operating.app(work, 1).args("once").run();
        assertThat(again.stdout()).contains("call 0 ok: record 0 after 2 attempts");
    }
}
