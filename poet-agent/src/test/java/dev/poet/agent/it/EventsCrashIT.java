package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.events.EventsApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real application JVM records every execution of a method with optimizeFor while feedback is posted to it at a
 * high rate, and is killed with SIGKILL mid-stream. After the kill: every record the events command reads is
 * whole, every acknowledged feedback is there and joined to its execution, and the executions lost are only those
 * of the last batch window.
 */
@ExtendWith(SuppressedErrorCheck.class)
class EventsCrashIT {

    /** {@code poet.events.batch-ms}'s default, and time for one batch's write and fsync on a loaded machine. */
    private static final long WINDOW_MS = 200;
    private static final long WRITE_SLACK_MS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void afterSigkillNoRecordIsCorruptNoAcknowledgedFeedbackIsLostAndExecutionsOnlyFromTheLastWindow()
            throws Exception {
        RunningJvm app = AgentJvm.of(EventsApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.http.port", "0")
                .property("poet.http.rate-limit-per-second", "100000")
                .args("load", "2")
                .start();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        try (app) {
            app.awaitOutput("ready", 90_000);
            URI base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicBoolean posting = new AtomicBoolean(true);
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                Thread poster = new Thread(() -> {
                    int next = offset;
                    while (posting.get()) {
                        List<String> ids = execIds(app.stdout());
                        if (next >= ids.size()) {
                            pause(5);
                            continue;
                        }
                        String id = ids.get(next);
                        next += 3;
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/poet/feedback"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"execution_id\":\"" + id
                                            + "\",\"feedback_type\":\"performance\",\"rating\":" + (next % 5) + "}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.put(JSON.readTree(r.body()).get("feedback_id").asText(), id);
                            }
                        } catch (Exception e) {
                            // The JVM is being killed: an unanswered request was never acknowledged.
                        }
                    }
                }, "poster-" + t);
                poster.start();
                posters.add(poster);
            }
            Thread.sleep(4_000);
            long killedAt = System.currentTimeMillis();
            app.kill();
            posting.set(false);
            for (Thread poster : posters) {
                poster.join(10_000);
            }

            List<JsonNode> events = EventsCli.read(dir.resolve(".poet"));
            // Every record read back is a whole event.
            for (JsonNode e : events) {
                assertThat(e.hasNonNull("id") && e.hasNonNull("type") && e.has("payload")).as(e.toString()).isTrue();
            }
            Map<String, JsonNode> executions = new HashMap<>();
            Map<String, JsonNode> feedback = new HashMap<>();
            for (JsonNode e : events) {
                if (e.get("type").asText().equals("function.execution")) {
                    executions.put(e.get("correlation_id").asText(), e);
                } else if (e.get("type").asText().equals("function.feedback")) {
                    feedback.put(e.get("payload").get("feedback_id").asText(), e);
                }
            }
            long dropped = 0;
            for (JsonNode e : events) {
                if (e.get("type").asText().equals("events.dropped")) {
                    dropped += e.get("payload").path("dropped").asLong();
                }
            }
            assertThat(dropped).as("executions dropped for overload (the load is meant to be sustainable)").isZero();
            assertThat(acknowledged).as("feedback acknowledged while the application ran").hasSizeGreaterThan(20);
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                JsonNode f = feedback.get(ack.getKey());
                assertThat(f).as("acknowledged feedback " + ack.getKey() + " is on disk").isNotNull();
                assertThat(f.get("correlation_id").asText()).isEqualTo(ack.getValue());
                JsonNode execution = executions.get(ack.getValue());
                assertThat(execution).as("the execution of feedback " + ack.getKey()).isNotNull();
                assertThat(f.get("causation_id").asText()).isEqualTo(execution.get("id").asText());
            }
            List<String[]> printed = execLines(app.stdout());
            int older = 0;
            List<String> missing = new ArrayList<>();
            for (String[] line : printed) {
                if (Long.parseLong(line[1]) < killedAt - WINDOW_MS - WRITE_SLACK_MS) {
                    older++;
                    if (!executions.containsKey(line[0])) {
                        missing.add(line[0] + " returned at " + line[1]);
                    }
                }
            }
            assertThat(older).as("executions printed well before the kill").isGreaterThan(100);
            assertThat(missing).as("executions that returned more than a batch window before the kill (at "
                    + killedAt + ")").isEmpty();
        }
    }

    private static List<String> execIds(String stdout) {
        List<String> ids = new ArrayList<>();
        for (String[] line : execLines(stdout)) {
            ids.add(line[0]);
        }
        return ids;
    }

    private static List<String[]> execLines(String stdout) {
        List<String[]> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("exec") && !parts[1].equals("null")) {
                lines.add(new String[] {parts[1], parts[2]});
            }
        }
        return lines;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
