package dev.poet.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.feedback.FeedbackLimits;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.feedback.FeedbackFixtures;

/** The HTTP API over a real socket, with the JDK's client. */
class PoetHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXEC = ExecutionIds.format(1001);
    private static final String METHOD = "com.acme.Drift~detect~abc";
    private static final String DOCUMENT_EXAMPLE = "{\n    \"execution_id\": \"" + EXEC + "\",\n"
            + "    \"feedback_type\": \"drift_validation\", \n    \"was_real_drift\": false,\n"
            + "    \"reason\": \"seasonal_pattern\",\n    \"business_context\": \"christmas_shopping_spike\"\n}";

    @TempDir
    Path home;

    private final MemoryEventLog memory = new MemoryEventLog();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<PoetHttpServer> servers = new ArrayList<>();
    private Event execution;

    @AfterEach
    void stop() {
        servers.forEach(PoetHttpServer::close);
    }

    private PoetHttpServer start(EventLog log, Optional<String> token, int ratePerSecond, AtomicLong nanos) throws IOException {
        FeedbackService service = new FeedbackService(log, FeedbackFixtures.EVENTS, () -> { });
        Router router = new Router();
        new FeedbackRoute(new FeedbackParser(FeedbackLimits.defaults()), service).addTo(router);
        new EventsRoute(log, FeedbackFixtures.CLOCK).addTo(router);
        PoetHttpServer server = PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, token, 1024, ratePerSecond, home, 2),
                router, nanos::get);
        servers.add(server);
        return server;
    }

    private PoetHttpServer start() throws IOException {
        execution = FeedbackFixtures.execution(EXEC, METHOD);
        memory.append(List.of(execution));
        return start(memory, Optional.empty(), 10_000, new AtomicLong());
    }

    private HttpResponse<String> post(PoetHttpServer server, String path, String contentType, String body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> feedback(PoetHttpServer server, String body, String... headers) throws Exception {
        return post(server, "/poet/feedback", "application/json", body, headers);
    }

    private HttpResponse<String> get(PoetHttpServer server, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).GET()
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String messagePart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).contains(messagePart);
    }

    @Test
    void theServersThreadsNeverKeepTheApplicationsJvmAlive() throws Exception {
        PoetHttpServer server = start();
        feedback(server, DOCUMENT_EXAMPLE);
        List<String> nonDaemon = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && (t.getName().startsWith("HTTP-Dispatcher")
                    || t.getName().startsWith("poet-http"))) {
                nonDaemon.add(t.getName());
            }
        }
        assertThat(nonDaemon).isEmpty();
    }

    @Test
    void theDocumentsExampleIsStoredAndAcknowledgedWith201() throws Exception {
        PoetHttpServer server = start();

        HttpResponse<String> r = feedback(server, DOCUMENT_EXAMPLE);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        List<Event> stored = memory.feedbackFor(EXEC);
        assertThat(stored).hasSize(1);
        assertThat(body.path("feedback_id").asText()).isEqualTo(stored.get(0).id());
        assertThat(body.path("execution_id").asText()).isEqualTo(EXEC);
        assertThat(stored.get(0).causationId()).isEqualTo(execution.id());
        assertThat(stored.get(0).payload()).containsEntry("was_real_drift", false)
                .containsEntry("business_context", "christmas_shopping_spike").containsEntry("method", METHOD)
                .containsEntry("actor", "http:127.0.0.1");
        assertThat(memory.durableAppends()).isEqualTo(1);
    }

    @Test
    void answersOnAKeptAliveConnectionDoNotWaitForDelayedAcknowledgements() throws Exception {
        PoetHttpServer server = start();
        // One client, one kept-alive connection. With Nagle's algorithm on the body of each answer would wait for
        // the client's delayed ACK of its headers: 40 ms or more per request on Linux, whatever the load.
        feedback(server, DOCUMENT_EXAMPLE);
        long[] millis = new long[9];
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            assertThat(feedback(server, DOCUMENT_EXAMPLE).statusCode()).isEqualTo(201);
            millis[i] = (System.nanoTime() - t0) / 1_000_000L;
        }
        java.util.Arrays.sort(millis);
        assertThat(millis[millis.length / 2]).as("median of %s ms", java.util.Arrays.toString(millis))
                .isLessThan(30);
        assertThat(System.getProperty(PoetHttpServer.NODELAY)).isEqualTo("true");
    }

    @Test
    void theAnswerWaitsUntilTheFeedbackIsDurable() throws Exception {
        execution = FeedbackFixtures.execution(EXEC, METHOD);
        memory.append(List.of(execution));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventLog gated = new Delegating(memory) {
            @Override
            public void appendDurable(Event event) throws IOException {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.appendDurable(event);
            }
        };
        PoetHttpServer server = start(gated, Optional.empty(), 10_000, new AtomicLong());

        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(HttpRequest.newBuilder(
                        server.baseUri().resolve("/poet/feedback")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DOCUMENT_EXAMPLE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(pending).isNotDone();
        assertThat(memory.durableAppends()).isZero();

        release.countDown();
        HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(memory.durableAppends()).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedNamingWhatWasWrongAndNothingIsWritten() throws Exception {
        PoetHttpServer server = start();

        assertError(feedback(server, "{\"execution_id\": \"" + EXEC), 400, "bad_json", "not valid JSON");
        assertError(feedback(server, "[]"), 400, "bad_json", "must be a JSON object");
        assertError(feedback(server, "{\"feedback_type\":\"user\"}"), 400, "invalid_feedback", "execution_id is missing");
        assertError(feedback(server, "{\"execution_id\":\"" + EXEC + "\",\"feedback_type\":\"user\",\"rating\":\"high\"}"),
                400, "invalid_feedback", "rating must be a number, was a string");
        assertError(feedback(server, "{\"execution_id\":\"" + EXEC + "\",\"feedback_type\":\"drift_validation\","
                + "\"was_real_drift\":\"false\"}"), 400, "invalid_feedback", "was_real_drift must be true or false");
        String unknown = ExecutionIds.format(999_999);
        assertError(feedback(server, "{\"execution_id\":\"" + unknown + "\",\"feedback_type\":\"user\"}"),
                404, "unknown_execution", unknown);
        assertError(post(server, "/poet/feedback", "text/plain", DOCUMENT_EXAMPLE), 415, "unsupported_media_type", "text/plain");
        assertError(post(server, "/poet/feedback", null, DOCUMENT_EXAMPLE), 415, "unsupported_media_type", "missing");
        assertError(post(server, "/poet/feedback", "application/json; charset=iso-8859-1", DOCUMENT_EXAMPLE),
                415, "unsupported_media_type", "UTF-8");
        HttpResponse<String> wrongMethod = get(server, "/poet/feedback");
        assertError(wrongMethod, 405, "method_not_allowed", "GET is not allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertError(get(server, "/poet/nothing"), 404, "not_found", "/poet/nothing");

        assertThat(memory.events()).containsExactly(execution);
        assertThat(memory.durableAppends()).isZero();
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        PoetHttpServer server = start();
        String padded = "{\"execution_id\":\"" + EXEC + "\",\"feedback_type\":\"user\",\"comments\":\""
                + "x".repeat(1100) + "\"}";
        assertError(feedback(server, padded), 413, "body_too_large", "at most 1024 bytes");

        HttpRequest chunked = HttpRequest.newBuilder(server.baseUri().resolve("/poet/feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        padded.getBytes(StandardCharsets.UTF_8)))).build();
        assertError(client.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "body_too_large", "more than 1024");
        assertThat(memory.durableAppends()).isZero();
    }

    @Test
    void aHugeDeclaredBodyIsRefusedWithoutReadingIt() throws Exception {
        PoetHttpServer server = start();
        try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /poet/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\n\r\n{\"execution_id\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void withATokenEveryRequestNeedsIt() throws Exception {
        execution = FeedbackFixtures.execution(EXEC, METHOD);
        memory.append(List.of(execution));
        PoetHttpServer server = start(memory, Optional.of("s3cret-token"), 10_000, new AtomicLong());

        HttpResponse<String> missing = feedback(server, DOCUMENT_EXAMPLE);
        assertError(missing, 401, "unauthorized", "Authorization is missing");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"poet\"");
        assertError(feedback(server, DOCUMENT_EXAMPLE, "Authorization", "Bearer s3cret-tokeN"), 401, "unauthorized", "wrong");
        assertError(feedback(server, DOCUMENT_EXAMPLE, "Authorization", "Basic s3cret-token"), 401, "unauthorized", "wrong");
        assertError(get(server, "/poet/events"), 401, "unauthorized", "missing");
        assertThat(memory.durableAppends()).isZero();

        assertThat(feedback(server, DOCUMENT_EXAMPLE, "Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(201);
        assertThat(get(server, "/poet/events", "Authorization", "bearer s3cret-token").statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanTheRatePerClientIs429WithRetryAfter() throws Exception {
        execution = FeedbackFixtures.execution(EXEC, METHOD);
        memory.append(List.of(execution));
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        PoetHttpServer server = start(memory, Optional.empty(), 3, nanos);

        for (int i = 0; i < 3; i++) {
            assertThat(feedback(server, DOCUMENT_EXAMPLE).statusCode()).isEqualTo(201);
        }
        nanos.addAndGet(400_000_000L);
        HttpResponse<String> limited = feedback(server, DOCUMENT_EXAMPLE);
        assertError(limited, 429, "rate_limited", "more than 3 requests per second");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(memory.feedbackFor(EXEC)).hasSize(3);

        nanos.addAndGet(600_000_000L);
        assertThat(feedback(server, DOCUMENT_EXAMPLE).statusCode()).isEqualTo(201);
    }

    @Test
    void theBoundAddressIsWrittenWhileRunningAndRemovedOnStop() throws Exception {
        PoetHttpServer server = start();
        Path file = home.resolve("http.address");
        assertThat(server.addressFile()).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo(server.baseUri() + "\n");
        assertThat(server.baseUri().getPort()).isPositive();

        server.close();

        assertThat(file).doesNotExist();
        assertThat(client.sendAsync(HttpRequest.newBuilder(server.baseUri().resolve("/poet/events")).build(),
                HttpResponse.BodyHandlers.discarding())).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void eventsAreReadBackWithFilters() throws Exception {
        PoetHttpServer server = start();
        assertThat(feedback(server, DOCUMENT_EXAMPLE).statusCode()).isEqualTo(201);
        memory.append(List.of(FeedbackFixtures.EVENTS.create("version.activated", null, null,
                Map.of("method", "com.acme.Other~x~1", "version", "v1"))));

        JsonNode all = JSON.readTree(get(server, "/poet/events").body());
        assertThat(all.path("events")).hasSize(3);
        assertThat(all.path("events").get(0).path("type").asText()).isEqualTo(EventTypes.FUNCTION_EXECUTION);

        HttpResponse<String> fb = get(server, "/poet/events?type=function.feedback&execution=" + EXEC + "&since=-1d");
        assertThat(fb.statusCode()).isEqualTo(200);
        JsonNode events = JSON.readTree(fb.body()).path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("payload").path("reason").asText()).isEqualTo("seasonal_pattern");
        assertThat(events.get(0).path("correlation_id").asText()).isEqualTo(EXEC);

        assertThat(JSON.readTree(get(server, "/poet/events?type=version.*").body()).path("events")).hasSize(1);
        assertThat(JSON.readTree(get(server, "/poet/events?method=com.acme.Drift").body()).path("events")).hasSize(2);
        JsonNode newest = JSON.readTree(get(server, "/poet/events?limit=1").body()).path("events");
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).path("type").asText()).isEqualTo("version.activated");

        assertError(get(server, "/poet/events?since=yesterday"), 400, "bad_filter", "since must be");
        assertError(get(server, "/poet/events?limit=-3"), 400, "bad_filter", "limit must be");
        assertError(get(server, "/poet/events?colour=red"), 400, "bad_filter", "unknown filter colour");
        assertError(get(server, "/poet/events?type=a&type=b"), 400, "bad_filter", "type is given twice");
        HttpResponse<String> post = post(server, "/poet/events", "application/json", "{}");
        assertError(post, 405, "method_not_allowed", "POST is not allowed");
    }

    /** An event log that forwards everything, for tests that need to hold one call back. */
    private static class Delegating implements EventLog {
        private final EventLog target;

        Delegating(EventLog target) {
            this.target = target;
        }

        @Override public void append(List<Event> events) throws IOException { target.append(events); }
        @Override public void appendDurable(Event event) throws IOException { target.appendDurable(event); }
        @Override public void sync() throws IOException { target.sync(); }
        @Override public Optional<Event> execution(String id) throws IOException { return target.execution(id); }
        @Override public List<Event> feedbackFor(String id) throws IOException { return target.feedbackFor(id); }
        @Override public List<Event> feedbackForMethod(String key, long since) throws IOException {
            return target.feedbackForMethod(key, since);
        }
        @Override public List<Event> query(EventQuery query) throws IOException { return target.query(query); }
        @Override public void close() throws IOException { target.close(); }
    }
}
