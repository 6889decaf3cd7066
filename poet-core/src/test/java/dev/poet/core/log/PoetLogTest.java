package dev.poet.core.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoetLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        PoetLog.redirect(null);
        PoetLog.setLevel("info");
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
    void onceMeansOnce() {
        PoetLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        PoetLog.once(PoetLog.Level.WARN, "k", "first");
        PoetLog.once(PoetLog.Level.WARN, "k", "second");

        assertThat(logged()).contains("first").doesNotContain("second");
    }
}
