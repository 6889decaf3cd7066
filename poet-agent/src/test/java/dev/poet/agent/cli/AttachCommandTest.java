package dev.poet.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The attach command's arguments and what it hands the attach library; attaching for real is {@code AttachIT}'s. */
class AttachCommandTest {

    private final List<String> attached = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(File jar, AttachCommand.Attacher attacher, String... args) {
        return new AttachCommand(attacher, jar).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private AttachCommand.Attacher recording() {
        return (jar, pid, argument) -> attached.add(jar.getName() + " " + pid + " " + argument);
    }

    /** A process that is alive for the test's duration and is not this JVM. */
    private static Process sleeper() throws Exception {
        return new ProcessBuilder("sleep", "30").start();
    }

    @Test
    void passesTheAbsoluteConfigPathToTheAttachedAgent() throws Exception {
        Path dir = Files.createTempDirectory("attach-test");
        Path config = Files.writeString(dir.resolve("agent.properties"), "poet.methods.include=a.B[m]\n");
        Process target = sleeper();
        try {
            int code = run(new File("poet-agent.jar"), recording(), String.valueOf(target.pid()),
                    "config=" + config);

            assertThat(code).as(err.toString()).isZero();
            assertThat(attached).containsExactly("poet-agent.jar " + target.pid() + " config=" + config.toAbsolutePath());
            assertThat(out.toString()).contains("agent loaded into JVM " + target.pid());
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void withoutConfigTheAgentGetsNoArgument() throws Exception {
        Process target = sleeper();
        try {
            assertThat(run(new File("poet-agent.jar"), recording(), String.valueOf(target.pid()))).isZero();
            assertThat(attached).containsExactly("poet-agent.jar " + target.pid() + " ");
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void aFailedAttachExitsOneWithTheReasonChain() throws Exception {
        Process target = sleeper();
        try {
            int code = run(new File("poet-agent.jar"), (jar, pid, argument) -> {
                throw new IllegalStateException("Error during attachment",
                        new java.io.IOException("target process not responding"));
            }, String.valueOf(target.pid()));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("could not attach to JVM " + target.pid()
                    + ": Error during attachment: target process not responding");
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void refusesBadArgumentsBeforeAttaching() throws Exception {
        assertThat(run(new File("poet-agent.jar"), recording(), "12", "config=")).isEqualTo(2);
        Path config = Files.writeString(Files.createTempDirectory("attach-test").resolve("a.properties"), "");
        assertThat(run(new File("poet-agent.jar"), recording(), "12", "config=" + config, "config=" + config))
                .isEqualTo(2);
        assertThat(run(new File("poet-agent.jar"), recording(), "-5")).isEqualTo(2);
        assertThat(run(null, recording(), String.valueOf(ProcessHandle.current().pid()))).isEqualTo(1);
        assertThat(run(new File("poet-agent.jar"), recording(), String.valueOf(ProcessHandle.current().pid())))
                .isEqualTo(1);
        assertThat(err.toString()).contains("config= needs a file", "unexpected argument",
                "the process id must be a number, got '-5'", "not run from the agent jar",
                "is this command's own process");
        assertThat(attached).isEmpty();
    }
}
