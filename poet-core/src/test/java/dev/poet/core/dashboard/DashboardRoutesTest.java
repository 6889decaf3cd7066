package dev.poet.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.events.record.MethodAggregates;
import dev.poet.core.feedback.FeedbackFixtures;
import dev.poet.core.feedback.FeedbackLimits;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.http.HttpOptions;
import dev.poet.core.http.PoetHttpServer;
import dev.poet.core.http.Router;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;

/** {@code GET /poet/} and {@code GET /poet/timeline} of a real server over a real socket. */
class DashboardRoutesTest {

    private static final String KEY = "com.acme.Pricing~quote~1a2b3c4d";
    private static final String OTHER = "com.acme.Pricing~list~00000002";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private final Map<String, MethodAggregates> aggregates = new ConcurrentHashMap<>();
    private final MemoryEventLog log = new MemoryEventLog();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private PoetHttpServer server;
    private Timeline timeline;

    @BeforeEach
    void start() throws Exception {
        timeline = new Timeline(() -> aggregates, FeedbackFixtures.CLOCK, 10);
        Router router = new Router();
        new DashboardRoute().addTo(router);
        new TimelineRoute(timeline, log, new LearnedParamsStore(home), FeedbackFixtures.CLOCK).addTo(router);
        server = PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, Optional.empty(), 1024, 1000, home, 2), router);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsHtmlThatRunsOnlyItsOwnScriptAndLoadsNothingFromElsewhere() throws Exception {
        HttpResponse<String> r = get("/poet/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String html = r.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>POET dashboard</title>");
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'sha256-" + hash + "'", "connect-src 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'");
        // Self-contained: the only absolute URL is the SVG namespace, nothing is fetched from another origin.
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://", "//cdn",
                "<link", "@import", "src=");
        // Data reaches the page through textContent only.
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void withATokenConfiguredThePageStillLoadsButItsDataNeedsTheToken() throws Exception {
        server.close();
        Router router = new Router();
        new DashboardRoute().addTo(router);
        new TimelineRoute(timeline, log, new LearnedParamsStore(home), FeedbackFixtures.CLOCK).addTo(router);
        server = PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, Optional.of("s3cret"), 1024, 1000, home, 2),
                router);
        assertThat(get("/poet/").statusCode()).isEqualTo(200);
        assertThat(get("/poet/timeline").statusCode()).isEqualTo(401);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/poet/timeline"))
                .header("Authorization", "Bearer s3cret").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void theTimelineHasSamplesFeedbackCountsAndLearnedParametersWithTheirHistory() throws Exception {
        MethodAggregates a = new MethodAggregates();
        aggregates.put(KEY, a);
        aggregates.put(OTHER, new MethodAggregates());
        ExecutionBuffer b = new ExecutionBuffer(16);
        b.offer(1, 1, 0, 2_000_000, ExecutionRecord.SUCCESS, 1, ExecutionFlags.PRECISE_DURATION, null, -1, -1, null, null);
        b.offer(1, 2, 0, 4_000_000, ExecutionRecord.FAILURE, 3, ExecutionFlags.PRECISE_DURATION, null, -1, -1, null, null);
        b.drainTo(a::add, 16);
        timeline.sample();

        // Feedback through the real service: the same payload the HTTP route and the facade write.
        log.append(List.of(FeedbackFixtures.execution("k3f9q2m7a1ab-1", KEY), FeedbackFixtures.execution("k3f9q2m7a1ab-2", KEY)));
        FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());
        FeedbackService feedback = new FeedbackService(log, FeedbackFixtures.EVENTS, () -> { });
        feedback.submit(parser.of("k3f9q2m7a1ab-1", "user", Map.of("rating", 4)), "test");
        feedback.submit(parser.of("k3f9q2m7a1ab-2", "user", Map.of("rating", 2)), "test");
        feedback.submit(parser.of("k3f9q2m7a1ab-2", "drift_validation", Map.of("was_real_drift", false)), "test");

        LearnedParamsStore store = new LearnedParamsStore(home);
        LearnedParams learned = LearnedParams.empty("latency").changedTo(Map.of("timeout-ms", 12),
                new LearnedParams.Change(Instant.parse("2025-01-02T09:00:00Z"), "changed", Map.of(),
                        Map.of("timeout-ms", 12), Map.of("calls", 40)));
        store.save(KEY, learned);

        HttpResponse<String> r = get("/poet/timeline");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("interval_ms").asLong()).isEqualTo(Timeline.INTERVAL_MS);
        assertThat(body.get("max_samples").asInt()).isEqualTo(10);
        assertThat(body.get("methods")).hasSize(2);
        JsonNode m = method(body, KEY);
        JsonNode s = m.get("samples").get(0);
        assertThat(s.get("at").asText()).isEqualTo("2025-01-02T10:00:00Z");
        assertThat(s.get("calls").asLong()).isEqualTo(2);
        assertThat(s.get("failures").asLong()).isEqualTo(1);
        assertThat(s.get("retries").asLong()).isEqualTo(2);
        assertThat(s.get("window_timed").asLong()).isEqualTo(2);
        assertThat(s.get("p50_ms").asDouble()).isBetween(1.9, 2.1);
        assertThat(s.get("p99_ms").asDouble()).isBetween(3.9, 4.1);
        assertThat(m.get("feedback").get("total").asLong()).isEqualTo(3);
        assertThat(m.get("feedback").get("by_type").get("user").asLong()).isEqualTo(2);
        assertThat(m.get("feedback").get("by_type").get("drift_validation").asLong()).isEqualTo(1);
        assertThat(m.get("learned").get("objective").asText()).isEqualTo("latency");
        assertThat(m.get("learned").get("values").get("timeout-ms").asInt()).isEqualTo(12);
        JsonNode h = m.get("learned").get("history").get(0);
        assertThat(h.get("kind").asText()).isEqualTo("changed");
        assertThat(h.get("at").asText()).isEqualTo("2025-01-02T09:00:00Z");
        assertThat(h.get("after").get("timeout-ms").asInt()).isEqualTo(12);
        JsonNode other = method(body, OTHER);
        assertThat(other.get("learned").isNull()).isTrue();
        assertThat(other.get("feedback").get("total").asLong()).isZero();
        assertThat(other.get("samples").get(0).get("p50_ms").isNull()).as("nothing timed").isTrue();

        // Counted incrementally: feedback at the same millisecond as the last read is neither lost nor doubled.
        feedback.submit(parser.of("k3f9q2m7a1ab-1", "user", Map.of("rating", 5)), "test");
        JsonNode again = method(JSON.readTree(get("/poet/timeline?method=" + KEY).body()), KEY);
        assertThat(again.get("feedback").get("total").asLong()).isEqualTo(4);
        assertThat(again.get("feedback").get("by_type").get("user").asLong()).isEqualTo(3);
    }

    @Test
    void anUnreadableLearnedFileIsSaidAndTheRestStillAnswered() throws Exception {
        aggregates.put(KEY, new MethodAggregates());
        timeline.sample();
        Path file = new LearnedParamsStore(home).file(KEY);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{not json");
        HttpResponse<String> r = get("/poet/timeline");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = method(JSON.readTree(r.body()), KEY);
        assertThat(m.get("learned").isNull()).isTrue();
        assertThat(m.get("learned_error").asText()).contains("learned.json");
        assertThat(m.get("samples")).hasSize(1);
    }

    @Test
    void aMethodThatIsNoKeyOrAnUnknownParameterIsRefused() throws Exception {
        for (String q : List.of("method=..%2F..%2Fetc", "method=a%2Fb~c~00000000", "method=%2e%2e~x~00000000",
                "method=a%5Cb~c~00000000")) {
            HttpResponse<String> r = get("/poet/timeline?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("bad_request");
        }
        HttpResponse<String> r = get("/poet/timeline?methd=" + KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("methd");
        assertThat(home.resolve("methods")).doesNotExist();
    }

    @Test
    void anUnknownMethodKeyHasNoSamplesButIsNoError() throws Exception {
        JsonNode body = JSON.readTree(get("/poet/timeline?method=" + KEY).body());
        assertThat(method(body, KEY).get("samples")).isEmpty();
    }

    private static JsonNode method(JsonNode body, String key) {
        for (JsonNode m : body.get("methods")) {
            if (m.get("key").asText().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no " + key + " in " + body);
    }
}
