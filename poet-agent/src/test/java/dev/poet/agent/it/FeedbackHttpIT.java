package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.events.EventsApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /poet/feedback} of a real application JVM under the agent, over a real socket: the feedback
 * document's own example, the general form, and every refusal — each a JSON error naming what was wrong, with
 * nothing written. One application serves the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedbackHttpIT {

    private static final String TOKEN = "it-token-5f1c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningJvm app;
    static URI base;
    static List<String> executions = new ArrayList<>();
    static HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = AgentJvm.of(EventsApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.http.port", "0")
                .property("poet.http.token", TOKEN)
                .property("poet.http.max-body-bytes", "4096")
                .property("poet.http.rate-limit-per-second", "40")
                .args("serve")
                .start();
        app.awaitOutput("ready", 90_000);
        for (String line : app.stdout().split("\n")) {
            if (line.startsWith("exec ")) {
                executions.add(line.substring(5).trim());
            }
        }
        base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());
    }

    @AfterAll
    static void stop() {
        JvmRun run = app.stop();
        SuppressedErrorCheck.verify(List.of(run));
        assertThat(dir.resolve(".poet/http.address")).as("removed when the server stops").doesNotExist();
    }

    @Test
    @Order(1)
    void theFeedbackDocumentsOwnExampleIsAcceptedAsIs() throws Exception {
        String id = executions.get(0);
        HttpResponse<String> r = post("{\"execution_id\": \"" + id + "\", \"feedback_type\": \"drift_validation\", "
                + "\"was_real_drift\": false, \"reason\": \"seasonal_pattern\", "
                + "\"business_context\": \"christmas_shopping_spike\"}", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String feedbackId = JSON.readTree(r.body()).get("feedback_id").asText();
        JsonNode stored = EventsCli.read(dir.resolve(".poet"), "--type", "function.feedback", "--execution", id)
                .stream().filter(e -> e.get("payload").get("feedback_id").asText().equals(feedbackId))
                .findFirst().orElseThrow();
        assertThat(stored.get("correlation_id").asText()).isEqualTo(id);
        assertThat(stored.get("payload").get("was_real_drift").asBoolean()).isFalse();
        assertThat(stored.get("payload").get("reason").asText()).isEqualTo("seasonal_pattern");
        assertThat(stored.get("payload").get("business_context").asText()).isEqualTo("christmas_shopping_spike");
        assertThat(stored.get("payload").get("method").asText()).contains("EventsApp~work");
    }

    @Test
    @Order(2)
    void theGeneralFormIsAccepted() throws Exception {
        HttpResponse<String> r = post("{\"execution_id\": \"" + executions.get(1) + "\", \"feedback_type\": \"user\","
                + " \"rating\": 4.5, \"label\": \"useful\", \"comments\": \"fast\", \"values\": {\"latency_ok\": true}}",
                TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).get("execution_id").asText()).isEqualTo(executions.get(1));
    }

    @Test
    @Order(3)
    void badJsonIsRefusedAndNothingWritten() throws Exception {
        long before = feedbackCount();
        HttpResponse<String> r = post("{\"execution_id\": ", TOKEN);
        assertError(r, 400, "bad_json");
        assertThat(feedbackCount()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aKnownFieldOfTheWrongTypeIsRefusedByName() throws Exception {
        long before = feedbackCount();
        HttpResponse<String> r = post("{\"execution_id\": \"" + executions.get(0) + "\", \"feedback_type\": "
                + "\"drift_validation\", \"was_real_drift\": \"no\"}", TOKEN);
        assertError(r, 400, "invalid_feedback");
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("was_real_drift");
        assertThat(feedbackCount()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void anUnknownExecutionIsNotFoundAndNothingWritten() throws Exception {
        long before = feedbackCount();
        HttpResponse<String> r = post("{\"execution_id\": \"000000000000-1\", \"feedback_type\": \"user\"}", TOKEN);
        assertError(r, 404, "unknown_execution");
        assertThat(feedbackCount()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void anOversizedBodyIsRefused() throws Exception {
        String big = "{\"execution_id\": \"" + executions.get(0) + "\", \"feedback_type\": \"user\", \"comments\": \""
                + "x".repeat(5000) + "\"}";
        HttpResponse<String> r = post(big, TOKEN);
        assertError(r, 413, "body_too_large");
    }

    @Test
    @Order(7)
    void aMissingOrWrongTokenIsRefused() throws Exception {
        String body = "{\"execution_id\": \"" + executions.get(0) + "\", \"feedback_type\": \"user\"}";
        long before = feedbackCount();
        assertError(post(body, null), 401, "unauthorized");
        assertError(post(body, "wrong"), 401, "unauthorized");
        assertThat(feedbackCount()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void aClientOverTheRateLimitIsToldToWait() throws Exception {
        Thread.sleep(1100);
        String body = "{\"execution_id\": \"" + executions.get(2) + "\", \"feedback_type\": \"user\"}";
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            burst.add(client.sendAsync(request(body, TOKEN), HttpResponse.BodyHandlers.ofString()));
        }
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("rate_limited");
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
        }
        assertThat(limited).as("of 80 requests in a burst against 40 a second").isPositive();
    }

    private static long feedbackCount() {
        return EventsCli.read(dir.resolve(".poet"), "--type", "function.feedback").size();
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private static HttpResponse<String> post(String body, String token) throws Exception {
        return client.send(request(body, token), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/poet/feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }
}
