package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Flaky;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code poet.method.<class>.<method>[(<types>)].enabled=false}: the method runs its original code, one line says
 * so, and nothing is generated or stored for it; the class's other methods are enhanced as usual.
 */
@ExtendWith(SuppressedErrorCheck.class)
class PerMethodEnabledIT {

    private static final String FLAKY = "com.example.legacy.Flaky.";

    @Test
    void aDisabledMethodRunsItsOriginalAndNothingIsGeneratedForIt() throws IOException {
        Path work = Files.createTempDirectory("poet-disabled");
        JvmRun run = AgentJvm.of(Flaky.class).workDir(work).property("poet.activation", "eager")
                .property("poet.method." + FLAKY + "fetch.enabled", "false")
                .property("poet.method." + FLAKY + "charge(int).enabled", "false")
                .property("poet.method." + FLAKY + "slowService.backoff-initial-ms", "1").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // The original fetch: every odd attempt's failure reaches the caller, as without the agent.
        assertThat(run.stdout()).as(run.toString()).contains("fetch failed: connection reset (attempt 1)",
                "fetch record r1", "fetch failed: connection reset (attempt 3)", "fetch record r3");
        assertThat(run.counter(FLAKY + "fetch", "retries")).as(run.toString()).isLessThanOrEqualTo(0);
        // The other methods of the same class are still enhanced.
        assertThat(run.stdout()).contains("slowService ok 7");
        assertThat(run.counter(FLAKY + "slowService", "retries")).as(run.toString()).isEqualTo(2);

        for (String method : new String[] {"fetch", "charge"}) {
            assertThat(run.agentLines()).as(run.toString())
                    .filteredOn(l -> l.contains("Flaky." + method + "(") || l.contains("Flaky." + method + ":")
                            || l.contains("Flaky." + method + " "))
                    .filteredOn(l -> !l.startsWith("[poet]   "))
                    .singleElement().asString().contains("enabled=false").contains("original");
        }
        try (Stream<Path> keys = Files.list(work.resolve(".poet/methods"))) {
            List<String> names = keys.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as(run.toString()).anyMatch(n -> n.startsWith("com.example.legacy.Flaky~slowService~"))
                    .noneMatch(n -> n.startsWith("com.example.legacy.Flaky~fetch~"))
                    .noneMatch(n -> n.startsWith("com.example.legacy.Flaky~charge~"));
        }
    }
}
