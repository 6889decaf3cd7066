package dev.poet.sample.story;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged sample as a newcomer does ({@code java -jar sample-app.jar --short --no-wait}), which starts one
 * JVM without the agent and one with it, and judges the runs by the ground truth each wrote — what the callers
 * caught, what reached the scoring code, which alerts were real — not by the printed summary. One run serves every
 * test of the class.
 */
class SampleStoryIT {

    static Path runDir;
    static String output;
    static int exitCode;
    static Properties without;
    static Properties with;

    @BeforeAll
    static void runTheStory() throws Exception {
        Path jar = Paths.get(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();
        Path agent = Paths.get(System.getProperty("poet.agent.jar", "../poet-agent/target/poet-agent.jar"))
                .toAbsolutePath();
        Path config = Paths.get(System.getProperty("sample.config", "../agent.properties")).toAbsolutePath();
        runDir = Paths.get(System.getProperty("sample.run-dir", "target/story-it")).toAbsolutePath();
        assertThat(jar).as("the packaged sample").isRegularFile();
        assertThat(agent).as("the agent jar").isRegularFile();
        Path log = Files.createTempFile("sample-story", ".out");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--short", "--no-wait", "--agent", agent.toString(), "--config",
                config.toString(), "--run-dir", runDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(ended).as("the story ended within 5 minutes:%n%s", output).isTrue();
        exitCode = p.exitValue();
        without = load(runDir.resolve("without.properties"));
        with = load(runDir.resolve("with.properties"));
    }

    @Test
    void theDriverEndsCleanlyAndPrintsTheDashboardAddress() {
        assertThat(exitCode).as(output).isZero();
        assertThat(output).containsPattern("Dashboard: http://127\\.0\\.0\\.1:[0-9]+/poet/");
        assertThat(output).contains("without the agent", "with the agent", "DriftMonitor.check", "learned:");
    }

    @Test
    void withTheAgentNoCallerSeesTheTransientFailures() {
        assertThat(sum(without, "quotes.transient_failures")).as("failures without the agent: the price service"
                + " is flaky").isGreaterThan(sum(without, "quotes.calls") / 10);
        assertThat(sum(with, "quotes.calls")).isEqualTo(sum(without, "quotes.calls"));
        assertThat(sum(with, "quotes.transient_failures")).as("failures the callers saw with the agent").isZero();
        assertThat(sum(with, "quotes.other_failures")).isZero();
    }

    @Test
    void impossibleLoanInputsNeverReachTheScoringCode() {
        int sent = number(with, "loans.impossible_sent");
        assertThat(sent).as("impossible applications sent").isPositive().isEqualTo(number(without,
                "loans.impossible_sent"));
        assertThat(number(without, "loans.impossible_scored")).as("without the agent they all reach the scorer")
                .isEqualTo(sent);
        assertThat(number(with, "loans.impossible_scored")).as("with the agent none reaches the scorer").isZero();
        assertThat(number(with, "loans.impossible_rejected") + number(with, "loans.impossible_repaired"))
                .isEqualTo(sent);
        assertThat(number(with, "loans.scored")).as("possible applications are all scored")
                .isEqualTo(number(with, "loans.applications") - number(with, "loans.impossible_rejected"));
    }

    @Test
    void labelledFeedbackHalvesFalseAlertsWithoutMissingMoreDrifts() {
        assertThat(number(with, "feedback.sent")).as("labels accepted by POST /poet/feedback").isPositive();
        assertThat(number(with, "feedback.refused")).as(with.getProperty("feedback.last_refusal")).isZero();
        double first = falsePositiveRate(with, 1);
        double last = falsePositiveRate(with, 3);
        assertThat(falsePositiveRate(without, 1)).as("the legacy check alone: a noisy one").isGreaterThan(0.3);
        assertThat(last).as("false-positive rate, last third (%.3f) vs first (%.3f)", last, first)
                .isLessThanOrEqualTo(first / 2);
        assertThat(number(with, "drift.drifts.3")).as("real drifts in the last third").isPositive();
        assertThat(number(with, "drift.drifts_without_alert.3")).as("real drifts without any alert, last third")
                .isLessThanOrEqualTo(number(with, "drift.drifts_without_alert.1"));
    }

    @Test
    void trainLearnedTheSeasonFromTheLabels() throws IOException {
        Path methods = runDir.resolve("poet-home/methods");
        try (var dirs = Files.list(methods)) {
            List<Path> drift = dirs.filter(d -> d.getFileName().toString().startsWith(
                    "dev.poet.sample.shop.DriftMonitor~check~")).toList();
            assertThat(drift).hasSize(1);
            assertThat(Files.readString(drift.get(0).resolve("learned.json"))).contains("\"season-length\"");
        }
    }

    private static double falsePositiveRate(Properties p, int third) {
        int alerts = number(p, "drift.alerts." + third);
        return alerts == 0 ? 0 : (double) number(p, "drift.false_alerts." + third) / alerts;
    }

    private static int sum(Properties p, String key) {
        return number(p, key + ".1") + number(p, key + ".2") + number(p, key + ".3");
    }

    private static int number(Properties p, String key) {
        String v = p.getProperty(key);
        assertThat(v).as("result %s", key).isNotNull();
        return Integer.parseInt(v);
    }

    private static Properties load(Path file) throws IOException {
        assertThat(file).as("results written by the run:%n%s", output).isRegularFile();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
