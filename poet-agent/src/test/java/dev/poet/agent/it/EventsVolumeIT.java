package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.example.events.EventsApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 application threads call a method with optimizeFor (every execution is to be written) through a buffer far
 * smaller than the burst: each execution is either written or counted as dropped, none is lost silently.
 */
@ExtendWith(SuppressedErrorCheck.class)
class EventsVolumeIT {

    @TempDir
    Path dir;

    @Test
    void everyExecutionOf500ThreadsIsWrittenOrCountedAsDropped() {
        JvmRun run = AgentJvm.of(EventsApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.events.buffer-size", "1024")
                .args("threads", "500", "200")
                .run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String summary = run.stdout().lines().filter(l -> l.startsWith("calls ")).findFirst().orElseThrow();
        long calls = Long.parseLong(summary.split(" ")[1]);
        long enhanced = Long.parseLong(summary.split(" ")[3]);
        assertThat(enhanced).as("calls that ran enhanced").isEqualTo(calls).isEqualTo(100_000);

        List<JsonNode> events = EventsCli.read(dir.resolve(".poet"));
        long written = events.stream().filter(e -> e.get("type").asText().equals("function.execution"))
                .filter(e -> e.get("payload").get("function_name").asText().endsWith("EventsApp.work"))
                .count();
        long dropped = events.stream().filter(e -> e.get("type").asText().equals("events.dropped"))
                .filter(e -> !"poet-events".equals(e.get("payload").path("source").asText()))
                .mapToLong(e -> e.get("payload").get("dropped").asLong()).sum();
        // The warm-up call that found the method enhanced is one more execution.
        assertThat(written + dropped).as(written + " written + " + dropped + " dropped").isEqualTo(calls + 1);
        assertThat(dropped).as("a 1024-slot buffer under 500 threads drops some").isPositive();
    }
}
