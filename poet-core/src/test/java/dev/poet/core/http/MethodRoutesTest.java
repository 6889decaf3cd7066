package dev.poet.core.http;

import static dev.poet.core.http.FakeOperations.DRIFT;
import static dev.poet.core.http.FakeOperations.PRICING;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The methods API over a real socket, on {@link FakeOperations}: every answer and every refusal. */
class MethodRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token";
    private static final String ROLLBACK = "/poet/methods/" + PRICING + "/rollback";

    @TempDir
    static Path home;

    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** One pair of servers serves the class; each test starts from a fresh state of the one fake. */
    private static final FakeOperations ops = new FakeOperations();
    private static PoetHttpServer server;
    private static PoetHttpServer open;

    @BeforeAll
    static void start() throws IOException {
        server = serve(Optional.of(TOKEN), home.resolve("a"));
        open = serve(Optional.empty(), home.resolve("b"));
    }

    @BeforeEach
    void fresh() {
        ops.reset();
    }

    private static PoetHttpServer serve(Optional<String> token, Path dir) throws IOException {
        Router router = new MethodRoutes(ops, token.isPresent()).addTo(new Router());
        return PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, token, 4096, 100_000, dir, 2), router);
    }

    @AfterAll
    static void stop() {
        server.close();
        open.close();
    }

    private HttpResponse<String> get(PoetHttpServer s, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUri() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(server, path, TOKEN);
    }

    private HttpResponse<String> send(PoetHttpServer s, String method, String path, String body, String token,
                                      String actor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (actor != null) {
            b.header("X-Poet-Actor", actor);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(server, method, path, body, TOKEN, null);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(json(r).get("message").asText()).isNotBlank();
    }

    @Test
    void listsEveryMethodInSnakeCase() throws Exception {
        HttpResponse<String> r = get("/poet/methods");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode methods = json(r).get("methods");
        assertThat(methods).hasSize(3);
        JsonNode pricing = methods.get(1);
        assertThat(pricing.get("key").asText()).isEqualTo(PRICING);
        assertThat(pricing.get("display_name").asText()).isEqualTo("com.acme.Pricing.quote(int)");
        assertThat(pricing.get("active_version").asText()).isEqualTo("v2");
        assertThat(pricing.get("awaiting_review").get(0).asText()).isEqualTo("v3");
        assertThat(pricing.get("params").get("retries").asText()).isEqualTo("3");
        assertThat(pricing.get("enabled").asBoolean()).isTrue();
        JsonNode live = pricing.get("live");
        assertThat(live.get("calls").asLong()).isEqualTo(200);
        assertThat(live.get("failure_rate").asDouble()).isEqualTo(0.05);
        assertThat(live.get("p99_millis").asDouble()).isEqualTo(12.25);
        assertThat(live.get("last_error").asText()).isEqualTo("java.io.IOException: down");
        assertThat(live.get("at").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(methods.get(0).get("live").isNull()).isTrue();
    }

    @Test
    void aMethodIsNamedByKeyClassAndMethodOrPrefix() throws Exception {
        for (String name : List.of(PRICING, "com.acme.Pricing.quote", "Pricing.quote", "com.acme.Pricing~q")) {
            HttpResponse<String> r = get("/poet/methods/" + name);
            assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
            assertThat(json(r).get("key").asText()).isEqualTo(PRICING);
        }
        assertProblem(get("/poet/methods/com.acme.Pricing"), 409, "ambiguous");
        assertProblem(get("/poet/methods/com.acme.Nothing.here"), 404, "not_found");
    }

    @Test
    void versionsAndOneVersionInFull() throws Exception {
        JsonNode versions = json(get("/poet/methods/Pricing.quote/versions"));
        assertThat(versions.get("method_key").asText()).isEqualTo(PRICING);
        assertThat(versions.get("versions")).hasSize(4);
        assertThat(versions.get("versions").get(0).get("name").asText()).isEqualTo("v4");
        assertThat(versions.get("versions").get(2).get("current").asBoolean()).isTrue();
        assertThat(versions.get("versions").get(2).get("template_version").asText()).isEqualTo("v1");
        assertThat(versions.get("versions").get(2).get("created_at").asText()).isEqualTo("2026-12-02T10:00:00Z");

        HttpResponse<String> r = get("/poet/methods/" + PRICING + "/versions/v2");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode v2 = json(r);
        assertThat(v2.get("version").get("status").asText()).isEqualTo("active");
        assertThat(v2.get("source").asText()).contains("class Enhancement").contains("v2");
        assertThat(v2.get("metadata").get("generator").asText()).isEqualTo("template");
        assertThat(v2.get("audit").get("verdict").asText()).isEqualTo("passed");
        assertThat(v2.get("params").get("retries").asInt()).isEqualTo(3);

        assertProblem(get("/poet/methods/" + PRICING + "/versions/v9"), 404, "not_found");
        assertProblem(get("/poet/methods/com.acme.None~x~00000000/versions"), 404, "not_found");
        assertProblem(get("/poet/methods/" + PRICING + "/versions/2"), 400, "bad_version");
    }

    @Test
    void rollbackAnswersTheReceiptAndTheMethodAfterIt() throws Exception {
        HttpResponse<String> r = send(server, "POST", "/poet/methods/Pricing.quote/rollback", "{\"version\":\"v1\"}",
                TOKEN, "alice@ops");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode change = json(r).get("change");
        assertThat(change.get("kind").asText()).isEqualTo("rollback");
        assertThat(change.get("method_key").asText()).isEqualTo(PRICING);
        assertThat(change.get("actor").asText()).isEqualTo("alice@ops");
        assertThat(change.get("applied").asBoolean()).isTrue();
        assertThat(change.get("id").asText()).isNotBlank();
        assertThat(json(r).get("method").get("active_version").asText()).isEqualTo("v1");
        assertThat(ops.changes).containsExactly("rollback " + PRICING + " v1 alice@ops");
        assertThat(json(get("/poet/methods/" + PRICING)).get("active_version").asText()).isEqualTo("v1");
    }

    @Test
    void withoutAnActorHeaderTheActorIsTheClientAddress() throws Exception {
        HttpResponse<String> r = send("POST", "/poet/methods/" + DRIFT + "/disable", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("change").get("actor").asText()).isEqualTo("http:127.0.0.1");
        assertThat(json(r).get("method").get("state").asText()).isEqualTo("disabled");
        assertThat(json(r).get("method").get("enabled").asBoolean()).isFalse();

        r = send("POST", "/poet/methods/" + DRIFT + "/enable", null);
        assertThat(json(r).get("method").get("enabled").asBoolean()).isTrue();
        assertThat(ops.changes).containsExactly("disable " + DRIFT + "  http:127.0.0.1",
                "enable " + DRIFT + "  http:127.0.0.1");
    }

    @Test
    void aChangeWrittenIsAnsweredAsDoneEvenWhenTheStateAfterItCannotBeRead() throws Exception {
        ops.failMethodReads = true;
        HttpResponse<String> r = send("POST", "/poet/methods/" + DRIFT + "/disable", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("change").get("kind").asText()).isEqualTo("disable");
        assertThat(json(r).get("method").isNull()).isTrue();
        assertThat(ops.changes).hasSize(1);
        assertProblem(get("/poet/methods/" + DRIFT), 500, "operation_failed");
    }

    @Test
    void aBadActorHeaderIsRefused() throws Exception {
        assertProblem(send(server, "POST", ROLLBACK, "{\"version\":\"v1\"}", TOKEN, "x".repeat(101)), 400,
                "bad_actor");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void approveAndRejectOnlyWhatWaits() throws Exception {
        String base = "/poet/methods/" + PRICING;
        assertProblem(send("POST", base + "/approve", "{\"version\":\"v2\"}"), 409, "conflict");
        assertProblem(send("POST", base + "/reject", "{\"version\":\"v1\",\"reason\":\"no\"}"), 409, "conflict");
        assertThat(ops.changes).isEmpty();

        HttpResponse<String> r = send("POST", base + "/reject", "{\"version\":\"v3\",\"reason\":\"too eager\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("method").get("awaiting_review")).isEmpty();
        assertThat(ops.changes).containsExactly("reject " + PRICING + " v3 too eager http:127.0.0.1");
        assertProblem(send("POST", base + "/rollback", "{\"version\":\"v3\"}"), 409, "conflict");
    }

    @Test
    void approveMakesTheVersionActive() throws Exception {
        HttpResponse<String> r = send("POST", "/poet/methods/" + PRICING + "/approve", "{\"version\":\"v3\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("method").get("active_version").asText()).isEqualTo("v3");
        assertThat(json(r).get("change").get("kind").asText()).isEqualTo("approve");
    }

    @Test
    void paramsAreReadAndSet() throws Exception {
        String path = "/poet/methods/" + PRICING + "/params";
        JsonNode before = json(get(path));
        assertThat(before.get("method_key").asText()).isEqualTo(PRICING);
        assertThat(before.get("params").get("retries").asText()).isEqualTo("3");

        HttpResponse<String> r = send("PUT", path, "{\"params\":{\"retries\":5,\"timeout-ms\":\"250\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("method").get("params").get("retries").asText()).isEqualTo("5");
        assertThat(json(get(path)).get("params").get("timeout-ms").asText()).isEqualTo("250");

        r = send("PUT", path, "{\"params\":{\"timeout-ms\":\"\"}}");
        assertThat(json(r).get("method").get("params").has("timeout-ms")).isFalse();

        int changes = ops.changes.size();
        HttpResponse<String> bad = send("PUT", path, "{\"params\":{\"retries\":\"many\"}}");
        assertProblem(bad, 400, "bad_request");
        assertThat(json(bad).get("message").asText()).contains("retries");
        assertProblem(send("PUT", path, "{\"params\":{\"retries\":[1]}}"), 400, "bad_request");
        assertProblem(send("PUT", path, "{\"params\":{}}"), 400, "bad_request");
        assertProblem(send("PUT", path, "{\"params\":\"retries=5\"}"), 400, "bad_request");
        assertThat(ops.changes).hasSize(changes);
        assertThat(json(get(path)).get("params").get("retries").asText()).isEqualTo("5");
    }

    @Test
    void theSelectionIsReadAndReplaced() throws Exception {
        assertThat(json(get("/poet/selection")).get("include").asText())
                .isEqualTo("com.acme.Pricing[*];com.acme.Drift[detect]");

        HttpResponse<String> r = send(server, "PUT", "/poet/selection", "{\"include\":\"com.acme..*[get*]\"}", TOKEN,
                "bob");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("include").asText()).isEqualTo("com.acme..*[get*]");
        assertThat(json(r).get("change").get("kind").asText()).isEqualTo("selection");
        assertThat(json(r).get("change").get("actor").asText()).isEqualTo("bob");
        assertThat(json(get("/poet/selection")).get("include").asText()).isEqualTo("com.acme..*[get*]");

        assertProblem(send("PUT", "/poet/selection", "{\"include\":\"com.acme[[x\"}"), 400, "bad_request");
        assertProblem(send("PUT", "/poet/selection", "{\"include\":5}"), 400, "bad_request");
        assertProblem(send("PUT", "/poet/selection", "{\"include\":\"fail\"}"), 500, "operation_failed");
        assertThat(ops.changes).hasSize(1);
    }

    @Test
    void withoutAConfiguredTokenEveryChangeIsForbiddenAndReadsWork() throws Exception {
        assertThat(get(open, "/poet/methods", null).statusCode()).isEqualTo(200);
        assertThat(get(open, "/poet/selection", null).statusCode()).isEqualTo(200);
        String key = "/poet/methods/" + PRICING;
        for (String[] m : List.of(new String[] {"POST", key + "/rollback", "{\"version\":\"v1\"}"},
                new String[] {"POST", key + "/approve", "{\"version\":\"v3\"}"},
                new String[] {"POST", key + "/reject", "{\"version\":\"v3\"}"},
                new String[] {"PUT", key + "/params", "{\"params\":{\"retries\":\"1\"}}"},
                new String[] {"POST", key + "/enable", null}, new String[] {"POST", key + "/disable", null},
                new String[] {"PUT", "/poet/selection", "{\"include\":\"a.B[*]\"}"})) {
            HttpResponse<String> r = send(open, m[0], m[1], m[2], "anything", null);
            assertProblem(r, 403, "token_required");
            assertThat(json(r).get("message").asText()).contains("poet.http.token");
        }
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorized() throws Exception {
        assertProblem(send(server, "POST", ROLLBACK, "{\"version\":\"v1\"}", null, null), 401, "unauthorized");
        assertProblem(send(server, "POST", ROLLBACK, "{\"version\":\"v1\"}", "wrong", null), 401, "unauthorized");
        assertProblem(send(server, "PUT", "/poet/selection", "{\"include\":\"a.B[*]\"}", "wrong", null), 401,
                "unauthorized");
        assertThat(ops.changes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"version\":", "[\"v1\"]", "\"v1\"", "", "{\"version\":\"v1\",\"version\":\"v2\"}"})
    void badJsonIsRefused(String body) throws Exception {
        assertProblem(send("POST", ROLLBACK, body), 400, "bad_json");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void aBodyThatSaysSomethingElseIsRefused() throws Exception {
        assertProblem(send("POST", ROLLBACK, "{}"), 400, "bad_request");
        assertProblem(send("POST", ROLLBACK, "{\"version\":1}"), 400, "bad_request");
        HttpResponse<String> typo = send("POST", ROLLBACK, "{\"version\":\"v1\",\"verison\":\"v2\"}");
        assertProblem(typo, 400, "bad_request");
        assertThat(json(typo).get("message").asText()).contains("verison");
        assertProblem(send("POST", ROLLBACK, "{\"version\":\"1\"}"), 400, "bad_version");
        assertProblem(send("POST", ROLLBACK, "{\"version\":\"../v1\"}"), 400, "bad_version");
        assertProblem(send("POST", "/poet/methods/" + PRICING + "/reject",
                "{\"version\":\"v3\",\"reason\":\"" + "r".repeat(1001) + "\"}"), 400, "bad_request");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void anUnknownMethodOrVersionIsNotFound() throws Exception {
        assertProblem(send("POST", "/poet/methods/com.acme.Gone~x~00000000/rollback", "{\"version\":\"v1\"}"), 404,
                "not_found");
        assertProblem(send("POST", ROLLBACK, "{\"version\":\"v8\"}"), 404, "not_found");
        assertProblem(send("POST", "/poet/methods/" + PRICING + "/retire", "{}"), 404, "not_found");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String body = "{\"version\":\"v1\",\"reason\":\"" + "x".repeat(5000) + "\"}";
        assertProblem(send("POST", "/poet/methods/" + PRICING + "/reject", body), 413, "body_too_large");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void aChangeWithTheWrongContentTypeIsRefused() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.baseUri() + ROLLBACK))
                .POST(HttpRequest.BodyPublishers.ofString("version=v1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + TOKEN).build();
        assertProblem(client.send(req, HttpResponse.BodyHandlers.ofString()), 415, "unsupported_media_type");
        assertThat(ops.changes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2f..%2fetc", "%2e%2e", "..", "a%5cb", "com.acme.Pricing~quote~1a2b3c4d%2f..",
            "%2e%2e%2fmethods", "a%00b", "a%252e%252e"})
    void pathTraversalInAKeyIsRefused(String key) throws Exception {
        for (String suffix : List.of("/rollback", "/versions", "", "/params")) {
            String method = suffix.equals("/rollback") ? "POST" : "GET";
            HttpResponse<String> r = raw(method, "/poet/methods/" + key + suffix,
                    method.equals("POST") ? "{\"version\":\"v1\"}" : null);
            assertThat(r.statusCode()).as(key + suffix + ": " + r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_method_name");
        }
        assertThat(ops.changes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2fv1", "%2e%2e", "..", "v1%5c..", "v1%2f..%2f..", "%76%31x"})
    void pathTraversalInAVersionIsRefused(String version) throws Exception {
        HttpResponse<String> r = raw("GET", "/poet/methods/" + PRICING + "/versions/" + version, null);
        assertThat(r.statusCode()).as(version + ": " + r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("bad_version");
    }

    @Test
    void aLiteralBackslashInTheRequestLineIsRefused() throws Exception {
        // Not a valid URI: the JDK's server refuses the request line itself and closes the connection unanswered.
        HttpResponse<String> r;
        try {
            r = raw("POST", "/poet/methods/a\\..\\b/rollback", "{\"version\":\"v1\"}");
        } catch (java.net.SocketException | StringIndexOutOfBoundsException closed) {
            r = null;
        }
        if (r != null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        }
        assertThat(ops.changes).isEmpty();
        assertThat(get("/poet/methods").statusCode()).as("the server still answers").isEqualTo(200);
    }

    /**
     * A request written on a socket as given: the JDK client normalises nothing either, but this way the request line
     * is beyond doubt what the test says.
     */
    private static HttpResponse<String> raw(String method, String path, String body) throws IOException {
        URI base = server.baseUri();
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(5000);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n" + (body == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + b.length + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new RawResponse(status, split < 0 ? "" : response.substring(split + 4));
        }
    }

    private record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
