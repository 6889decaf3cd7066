package dev.poet.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.live.billing.Invoices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A selection changed while the application runs, written to {@code <poet.home>/selection.json} as the command
 * line and the HTTP API do: within 5 s a newly selected, already loaded method is enhanced, a deselected one runs
 * its original code again (its {@code @Poet} neighbour stays enhanced), a selection that does not parse changes
 * nothing, and a method selected again is enhanced again. One application JVM for the whole story.
 */
@ExtendWith(SuppressedErrorCheck.class)
class LiveSelectionIT {

    private static final long APPLIED_WITHIN_MS = 5_000;

    @Test
    void selectionChangesReachTheRunningApplicationWithinFiveSeconds() throws Exception {
        try (RunningJvm app = AgentJvm.of(Invoices.class).property("poet.activation", "eager").start()) {
            app.awaitOutput("ready", 60_000);
            assertThat(call(app, "fetch", "plain")).isEqualTo("ok=2 failed=2");
            // @Poet: enhanced from the start; also warms the generator up, so later activations are quick.
            assertThat(call(app, "total", "poet")).isEqualTo("ok=4 failed=0");

            select(app, "com.example.live..*[fetch*]", "test:alice");
            assertThat(call(app, "fetch", "selected")).as(app.toString()).isEqualTo("ok=4 failed=0");

            select(app, "com.example.live.billing.Invoices[somethingElse]", "test:bob");
            assertThat(call(app, "fetch", "deselected")).as(app.toString()).isEqualTo("ok=2 failed=2");
            assertThat(call(app, "total", "poet-stays")).as(app.toString()).isEqualTo("ok=4 failed=0");
            assertThat(app.stderr()).contains("deselected com.example.live.billing.Invoices.fetch");

            write(app, "com.example.live..*[fetch", "test:carol");
            awaitStderr(app, "selection from test:carol not applied", APPLIED_WITHIN_MS);
            assertThat(call(app, "fetch", "still-deselected")).as(app.toString()).isEqualTo("ok=2 failed=2");

            select(app, "com.example.live.billing.*[fetch]", "test:dave");
            assertThat(call(app, "fetch", "reselected")).as(app.toString()).isEqualTo("ok=4 failed=0");

            JvmRun run = app.stop();
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    @Test
    void theOperatorsSelectionReplacesTheConfiguredOneAtStartUntilItIsRemoved() throws Exception {
        Path work = Files.createTempDirectory("poet-selection");
        Files.createDirectories(work.resolve(".poet"));
        Files.writeString(work.resolve(".poet/selection.json"),
                "{\"include\": \"com.example.live.billing.Invoices[fetch]\", \"changed_by\": \"test:erin\"}");
        try (RunningJvm app = AgentJvm.of(Invoices.class).workDir(work).property("poet.activation", "eager")
                .property("poet.methods.include", "com.example.live.billing.Invoices[total]").start()) {
            app.awaitOutput("ready", 60_000);
            assertThat(call(app, "fetch", "from-file")).as(app.toString()).isEqualTo("ok=4 failed=0");
            assertThat(app.stderr()).contains("(set by test:erin) replaces poet.methods.include");

            Files.delete(work.resolve(".poet/selection.json"));
            awaitStderr(app, "selection changed by configuration", APPLIED_WITHIN_MS);
            assertThat(call(app, "fetch", "configured")).as(app.toString()).isEqualTo("ok=2 failed=2");

            JvmRun run = app.stop();
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    /** Runs {@code method} four times in the application; its {@code ok=.. failed=..}. */
    private static String call(RunningJvm app, String method, String tag) {
        app.send(method + " 4 " + tag);
        String line = app.awaitLine(l -> l.startsWith(tag + " "), 90_000);
        return line.substring(tag.length() + 1);
    }

    /** Writes the selection and waits until the application says it applied it, at most 5 s. */
    private static void select(RunningJvm app, String include, String actor) throws Exception {
        write(app, include, actor);
        awaitStderr(app, "selection changed by " + actor, APPLIED_WITHIN_MS);
    }

    /** Replaces {@code selection.json} atomically, as the operator side writes it. */
    private static void write(RunningJvm app, String include, String actor) throws Exception {
        Path home = app.workDir().resolve(".poet");
        Files.createDirectories(home);
        Path temp = Files.createTempFile(home, "selection", ".tmp");
        Files.writeString(temp, "{\"include\": \"" + include + "\", \"changed_by\": \"" + actor
                + "\", \"changed_at\": \"2026-01-01T00:00:00Z\"}");
        Files.move(temp, home.resolve("selection.json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    static void awaitStderr(RunningJvm app, String text, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!app.stderr().contains(text)) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("no '" + text + "' on stderr within " + timeoutMs + " ms\n" + app);
            }
            Thread.sleep(20);
        }
    }
}
