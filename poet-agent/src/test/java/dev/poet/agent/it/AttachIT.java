package dev.poet.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.live.billing.Invoices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar poet-agent.jar attach <pid> [config=FILE]} against a JVM started without the agent: its
 * flaky method fails before and is retried after; bad arguments and a JVM that is not there are refused.
 */
@ExtendWith(SuppressedErrorCheck.class)
class AttachIT {

    @Test
    void attachingEnhancesTheSelectedMethodsOfAJvmStartedWithoutTheAgent() throws Exception {
        try (RunningJvm app = AgentJvm.of(Invoices.class).withoutAgent().start()) {
            app.awaitOutput("ready", 60_000);
            app.send("fetch 4 before");
            assertThat(app.awaitLine(l -> l.startsWith("before "), 60_000)).isEqualTo("before ok=2 failed=2");
            app.send("total 4 poet-before");
            assertThat(app.awaitLine(l -> l.startsWith("poet-before "), 60_000))
                    .isEqualTo("poet-before ok=2 failed=2");

            Path config = app.workDir().resolve("attach.properties");
            Files.writeString(config, String.join("\n",
                    "poet.methods.include=com.example.live..*[fetch*]",
                    "poet.activation=eager",
                    "poet.activation.timeout-ms=60000",
                    ""));
            AgentCommand attach = AgentCommand.run("attach", String.valueOf(app.pid()), "config=" + config);

            assertThat(attach.exitCode()).as(attach + "\n" + app).isZero();
            assertThat(attach.stdout()).contains("agent loaded into JVM " + app.pid());
            app.send("fetch 4 after");
            assertThat(app.awaitLine(l -> l.startsWith("after "), 90_000)).as(app.toString())
                    .isEqualTo("after ok=4 failed=0");
            app.send("total 4 poet-after");
            assertThat(app.awaitLine(l -> l.startsWith("poet-after "), 90_000)).as(app.toString())
                    .isEqualTo("poet-after ok=4 failed=0");
            // Versions are stored after the slots are set (calls never wait for the disk).
            long stored = System.currentTimeMillis() + 30_000;
            while (!Files.isDirectory(app.workDir().resolve(".poet/methods")) && System.currentTimeMillis() < stored) {
                Thread.sleep(20);
            }
            assertThat(Files.isDirectory(app.workDir().resolve(".poet/methods"))).as(app.toString()).isTrue();

            AgentCommand again = AgentCommand.run("attach", String.valueOf(app.pid()), "config=" + config);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            LiveSelectionIT.awaitStderr(app, "POET already runs in this JVM", 30_000);

            JvmRun run = app.stop();
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    @Test
    void badArgumentsExitTwoAndAMissingJvmExitsOneWithTheReason() throws Exception {
        AgentCommand help = AgentCommand.run("attach", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.stdout()).contains("usage: java -jar poet-agent.jar attach <pid> [config=FILE]");

        AgentCommand none = AgentCommand.run("attach");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.stderr()).contains("no process id given");

        AgentCommand word = AgentCommand.run("attach", "twelve");
        assertThat(word.exitCode()).as(word.toString()).isEqualTo(2);
        assertThat(word.stderr()).contains("the process id must be a number, got 'twelve'");

        Path missing = Files.createTempDirectory("poet-attach").resolve("nope.properties");
        AgentCommand noFile = AgentCommand.run("attach", "12345", "config=" + missing);
        assertThat(noFile.exitCode()).as(noFile.toString()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("config file " + missing + " does not exist");

        AgentCommand extra = AgentCommand.run("attach", "12345", "--force");
        assertThat(extra.exitCode()).as(extra.toString()).isEqualTo(2);
        assertThat(extra.stderr()).contains("unexpected argument '--force'");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        AgentCommand dead = AgentCommand.run("attach", String.valueOf(gone.pid()));
        assertThat(dead.exitCode()).as(dead.toString()).isEqualTo(1);
        assertThat(dead.stderr()).contains("no running process " + gone.pid());

        // Alive but no JVM: the attach itself fails, and says why.
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            AgentCommand notJava = AgentCommand.run("attach", String.valueOf(sleeper.pid()));
            assertThat(notJava.exitCode()).as(notJava.toString()).isEqualTo(1);
            assertThat(notJava.stderr()).contains("could not attach to JVM " + sleeper.pid() + ": ");
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
