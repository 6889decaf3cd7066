package dev.poet.agent.boot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry point on a JVM older than 17: one line, the application untouched (no instrumentation used). */
class PoetAgentTest {

    @Test
    void olderJvmGetsOneLineAndNothingElse() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A null Instrumentation: any attempt to use it would fail and print a different line.
        boolean started = PoetAgent.start(null, null, false, "1.8", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(started).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("[poet] WARN POET needs Java 17 or later, this JVM is 1.8: the application runs without it");
    }

    @Test
    void theCommandLineIsReachedByNameOnJava17() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PoetAgent.runCli(new String[] {"events", "--help"}, "17", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar poet-agent.jar events");

        int bad = PoetAgent.runCli(new String[] {"events", "--bogus"}, "17", new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    }

    @Test
    void theCommandLineOnAnOlderJvmSaysItNeeds17() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PoetAgent.runCli(new String[] {"events"}, "11", new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs Java 17 or later, this JVM is 11");
    }

    @Test
    void readsVersionStrings() {
        assertThat(PoetAgent.majorVersion("1.8")).isEqualTo(8);
        assertThat(PoetAgent.majorVersion("11")).isEqualTo(11);
        assertThat(PoetAgent.majorVersion("17")).isEqualTo(17);
        assertThat(PoetAgent.majorVersion("25-ea")).isEqualTo(25);
        assertThat(PoetAgent.majorVersion(null)).isZero();
    }
}
