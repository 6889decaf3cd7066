package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import com.example.operate.Operated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the operate tests share: the application under operation, its status file, calls by number. */
final class Operating {

    static final String INCLUDE = "com.example.operate.Operated[fetch]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Operating() {
    }

    /** The application with the agent, eager, retrying with the given first backoff (which shapes its identity). */
    static AgentJvm app(Path work, int backoffMs) {
        return AgentJvm.of(Operated.class).workDir(work).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager")
                .property("poet.method.com.example.operate.Operated.fetch.backoff-initial-ms",
                        Integer.toString(backoffMs))
                // Calls made to fail on purpose must not drain the retry budget for the calls after them.
                .property("poet.method.com.example.operate.Operated.fetch.retry-budget-max-tokens", "100000");
    }

    /** One method's entry of {@code status.json} once {@code test} holds for it, within {@code millis}. */
    static JsonNode awaitStatus(Path work, String key, Predicate<JsonNode> test, long millis) throws IOException {
        long end = System.currentTimeMillis() + millis;
        JsonNode last = null;
        while (System.currentTimeMillis() < end) {
            Path file = work.resolve(".poet/status.json");
            if (Files.exists(file)) {
                try {
                    last = JSON.readTree(file.toFile()).path("methods").path(key);
                    if (test.test(last)) {
                        return last;
                    }
                } catch (IOException e) {
                    // Replaced while read: the next look sees the whole file.
                }
            }
            sleep(25);
        }
        throw new AssertionError("status.json did not show the awaited state of " + key + " within " + millis
                + " ms; last: " + last);
    }

    /** Calls until a call's line passes {@code test}, within {@code millis}; returns that line. */
    static String callUntil(RunningJvm jvm, int[] next, Predicate<String> test, long millis) {
        long end = System.currentTimeMillis() + millis;
        String line = null;
        while (System.currentTimeMillis() < end) {
            line = call(jvm, next);
            if (test.test(line)) {
                return line;
            }
            sleep(50);
        }
        throw new AssertionError("no call as awaited within " + millis + " ms; last: " + line + "\n" + jvm);
    }

    /** One call; its output line. */
    static String call(RunningJvm jvm, int[] next) {
        int n = next[0]++;
        jvm.send("call");
        return jvm.awaitLine(l -> l.startsWith("call " + n + " "), 60_000);
    }

    /** Waits until the agent's log (stderr) contains {@code text}. */
    static void awaitLog(RunningJvm jvm, String text, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (jvm.stderr().contains(text)) {
                return;
            }
            sleep(25);
        }
        throw new AssertionError("the agent did not log '" + text + "' within " + millis + " ms\n" + jvm);
    }

    static String current(Path work, String key) throws IOException {
        return Files.readString(work.resolve(".poet/methods").resolve(key).resolve("current")).trim();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
