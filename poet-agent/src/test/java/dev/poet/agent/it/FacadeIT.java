package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.events.EventsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code poet-api} facade in an application with the agent, and in the same application without it. */
@ExtendWith(SuppressedErrorCheck.class)
class FacadeIT {

    @Test
    void withTheAgentTheBodySeesItsExecutionIdAlsoOnADeadlineWorkerAndFeedbackIsStored() {
        JvmRun run = AgentJvm.of(EventsApp.class).property("poet.activation", "eager").args("facade").run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(line(run, "outside")).isEqualTo("none");
        assertThat(line(run, "feedback-for-unknown")).isEqualTo("UNKNOWN_EXECUTION");
        String inside = line(run, "inside");
        assertThat(inside).matches("[0-9a-v]{12}-[0-9a-z]+");
        String[] worker = line(run, "worker").split(":");
        assertThat(worker[1]).as("the id seen on the worker").matches("[0-9a-v]{12}-[0-9a-z]+")
                .startsWith(inside.substring(0, 13)).isNotEqualTo(inside);
        assertThat(worker[2]).as("the body ran on a deadline worker").isNotEqualTo("main");
        assertThat(line(run, "feedback")).startsWith("ACCEPTED ").doesNotEndWith(" -");
    }

    @Test
    void withoutTheAgentTheFacadeDoesNothingAndSaysSo() {
        JvmRun run = AgentJvm.of(EventsApp.class).withoutAgent().args("facade", "without-agent").run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(line(run, "outside")).isEqualTo("none");
        assertThat(line(run, "feedback-for-unknown")).isEqualTo("NO_AGENT");
        assertThat(line(run, "inside")).isEqualTo("none");
        assertThat(line(run, "worker")).isEqualTo("w:none:main");
        assertThat(line(run, "feedback")).isEqualTo("NO_AGENT -");
    }

    private static String line(JvmRun run, String key) {
        return run.stdout().lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + key + "\n" + run));
    }
}
