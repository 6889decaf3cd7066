package dev.poet.core.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.poet.core.config.ConfigLoader;
import dev.poet.core.config.PoetConfig;

import static org.assertj.core.api.Assertions.assertThat;

class PoetLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        PoetLog.redirect(null);
        LogSink.configure(PoetLog.Level.INFO, Map.of(), null);
    }

    private String logged() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void levelsFilterAndSuppressedErrorsAlwaysPrintAndCount() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(PoetLog.setLevel("warn")).isTrue();
        assertThat(PoetLog.setLevel("loud")).isFalse();
        long before = PoetLog.suppressedCount();

        PoetLog.info("hidden");
        PoetLog.warn("shown");
        PoetLog.suppressed("a.B.c failed", new IllegalStateException("boom"));

        assertThat(logged()).doesNotContain("hidden").contains("[poet] WARN shown")
                .contains("[poet] ERROR a.B.c failed: java.lang.IllegalStateException: boom");
        assertThat(PoetLog.suppressedCount()).isEqualTo(before + 1);
    }

    @Test
    void linesGoThroughSlf4jToOurBinding() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));

        PoetLog.warn("through slf4j");
        LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("broker {} unreachable", "b1");

        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("dev.poet.core.log.slf4j.PoetLoggerFactory");
        assertThat(logged()).contains("[poet] WARN through slf4j\n")
                .contains("[poet] WARN org.apache.kafka.clients.NetworkClient: broker b1 unreachable");
    }

    @Test
    void eachAreaHasItsOwnLevel() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogSink.configure(PoetLog.Level.WARN, Map.of(LogArea.ENGINE, PoetLog.Level.DEBUG,
                LogArea.STORE, PoetLog.Level.ERROR), null);

        PoetLog.debug("engine debug shown"); // this test class is in dev.poet.core.log: the engine area
        LoggerFactory.getLogger("dev.poet.shaded.core.store.VersionStore").warn("store warn hidden");
        LoggerFactory.getLogger("dev.poet.core.store.VersionStore").error("store error shown");
        LoggerFactory.getLogger("dev.poet.llm.LlmGenerators").info("llm info hidden");
        LoggerFactory.getLogger("dev.poet.llm.LlmGenerators").warn("llm warn shown");

        assertThat(logged()).contains("[poet] DEBUG engine debug shown", "[poet] ERROR store error shown",
                "[poet] WARN llm warn shown").doesNotContain("hidden");
        assertThat(PoetLog.enabled(PoetLog.Level.DEBUG)).isTrue();
        assertThat(LoggerFactory.getLogger("poet.store").isWarnEnabled()).isFalse();
    }

    @Test
    void suppressedErrorsPrintEvenWhenTheirAreaIsAtError() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogSink.configure(PoetLog.Level.ERROR, Map.of(), null);

        PoetLog.suppressed("x failed", null);

        assertThat(logged()).isEqualTo("[poet] ERROR x failed" + System.lineSeparator());
    }

    @Test
    void theLogFileReceivesTheLinesAndTheSummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/poet.log");
        assertThat(LogSink.configure(PoetLog.Level.INFO, Map.of(), file)).isNull();

        PoetLog.info("to the file");
        PoetLog.plain("[poet]   a.B.c: calls=1");
        LogSink.configure(PoetLog.Level.INFO, Map.of(), null);

        assertThat(Files.readAllLines(file)).containsExactly("[poet] INFO to the file", "[poet]   a.B.c: calls=1");
    }

    @Test
    void aFileThatCannotBeOpenedLeavesTheLogOnStandardError(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

        String problem = LogSink.configure(PoetLog.Level.INFO, Map.of(), notADirectory.resolve("poet.log"));

        assertThat(problem).contains("poet.log.file").contains("standard error");
    }

    @Test
    void configurationSetsAreasAndFile(@TempDir Path dir) throws Exception {
        PoetConfig config = ConfigLoader.load(null, Map.of("poet.log.level", "error",
                "poet.log.level.audit", "debug", "poet.log.file", "out/poet.log"), Map.of(), dir, "Main");

        PoetLog.configure(config);
        LoggerFactory.getLogger("dev.poet.core.audit.BytecodeAuditor").debug("audit detail");
        LoggerFactory.getLogger("dev.poet.core.verify.Verifier").warn("verify warn hidden");
        LogSink.configure(PoetLog.Level.INFO, Map.of(), null);

        assertThat(config.problems()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("out/poet.log"))).containsExactly("[poet] DEBUG audit detail");
    }

    @Test
    void onceMeansOnce() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        PoetLog.once(PoetLog.Level.WARN, "k", "first");
        PoetLog.once(PoetLog.Level.WARN, "k", "second");

        assertThat(logged()).contains("first").doesNotContain("second");
    }
}
