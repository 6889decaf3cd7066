package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.example.httpapi.PricingService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The methods API and the OpenAPI document of a real application JVM under the agent, over real sockets. The
 * method has two stored versions (a first run with {@code retries=1} made v1, the served run with {@code retries=2}
 * made v2): reads, every refusal with nothing changed on disk, a rollback to v1 that the running application runs
 * within 5 s, the OpenAPI document against the routes, and disable/enable switching the running code. One
 * application serves the class; a second one, without a token, shows changes refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MethodsHttpIT {

    private static final String TOKEN = "it-token-methods-7d2a";
    private static final String INCLUDE = "com.example.httpapi.PricingService[quote]";
    private static final String RETRIES = "poet.method.com.example.httpapi.PricingService.quote.retries";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    @TempDir
    static Path dir;
    static RunningJvm app;
    static JvmRun first;
    static URI base;
    static String key;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        first = AgentJvm.of(PricingService.class).workDir(dir).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager").property(RETRIES, "1").args("once").run();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).as(first.toString()).contains("enhanced true");
        app = AgentJvm.of(PricingService.class).workDir(dir).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager").property(RETRIES, "2")
                .property("poet.method.com.example.httpapi.PricingService.quote.optimize-for", "latency")
                .property("poet.operate.poll-ms", "500")
                .property("poet.http.port", "0").property("poet.http.token", TOKEN)
                .property("poet.http.max-body-bytes", "4096").property("poet.http.rate-limit-per-second", "1000")
                .args("serve").start();
        app.awaitOutput("ready", 120_000);
        base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());
        try (Stream<Path> keys = Files.list(dir.resolve(".poet/methods"))) {
            key = keys.map(p -> p.getFileName().toString()).filter(k -> k.startsWith("com.example.httpapi"))
                    .findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            JvmRun run = app.stop();
            SuppressedErrorCheck.verify(List.of(first, run));
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Poet-Actor", "it-operator");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).as(r.body()).isEqualTo(code);
    }

    @Test
    @Order(1)
    void theMethodAndItsTwoVersionsAreListed() throws Exception {
        HttpResponse<String> all = get("/poet/methods");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        json(all).get("methods").forEach(m -> keys.add(m.get("key").asText()));
        assertThat(keys).contains(key);

        JsonNode method = json(get("/poet/methods/PricingService.quote"));
        assertThat(method.get("key").asText()).isEqualTo(key);
        assertThat(method.get("active_version").asText()).isEqualTo("v2");
        assertThat(method.get("enabled").asBoolean()).isTrue();

        JsonNode versions = json(get("/poet/methods/" + key + "/versions")).get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("name").asText()).isEqualTo("v2");
        assertThat(versions.get(0).get("current").asBoolean()).isTrue();
        assertThat(versions.get(1).get("name").asText()).isEqualTo("v1");

        HttpResponse<String> v1 = get("/poet/methods/" + key + "/versions/v1");
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(200);
        assertThat(json(v1).get("source").asText()).contains("class");
        assertThat(json(v1).get("metadata").isObject()).isTrue();
    }

    @Test
    @Order(2)
    void everyRefusalLeavesTheStoreAsItWas() throws Exception {
        Map<String, String> before = store();
        String rollback = "/poet/methods/" + key + "/rollback";
        String v1 = "{\"version\":\"v1\"}";
        assertProblem(send("POST", rollback, v1, null), 401, "unauthorized");
        assertProblem(send("POST", rollback, v1, "wrong"), 401, "unauthorized");
        assertProblem(send("POST", rollback, "{\"version\":", TOKEN), 400, "bad_json");
        assertProblem(send("POST", rollback, "{\"version\":\"../v1\"}", TOKEN), 400, "bad_version");
        assertProblem(send("POST", rollback, "{\"version\":\"v9\"}", TOKEN), 404, "not_found");
        assertProblem(send("POST", "/poet/methods/com.example.Nothing.here/rollback", v1, TOKEN), 404,
                "not_found");
        assertProblem(send("POST", rollback, "{\"version\":\"v1\",\"reason\":\"" + "x".repeat(5000) + "\"}",
                TOKEN), 413, "body_too_large");
        assertProblem(send("PUT", "/poet/methods/" + key + "/params", "{\"params\":{\"retries\":\"lots\"}}", TOKEN),
                400, "bad_request");
        assertProblem(send("PUT", "/poet/selection", "{\"include\":\"com.example[[\"}", TOKEN), 400, "bad_request");
        for (String name : List.of("..%2f..%2fetc", "%2e%2e", "..", "a%5cb", key + "%2f..")) {
            assertProblem(raw("POST", "/poet/methods/" + name + "/rollback", v1), 400, "bad_method_name");
            assertProblem(raw("POST", "/poet/methods/" + name + "/disable", null), 400, "bad_method_name");
        }
        for (String version : List.of("..%2fv1", "%2e%2e", "v1%5c..")) {
            assertProblem(raw("GET", "/poet/methods/" + key + "/versions/" + version, null), 400, "bad_version");
        }

        assertThat(store()).isEqualTo(before);
        assertThat(json(get("/poet/methods/" + key)).get("active_version").asText()).isEqualTo("v2");
    }

    @Test
    @Order(3)
    void aRollbackRunsWithinFiveSeconds() throws Exception {
        HttpResponse<String> r = send("POST", "/poet/methods/PricingService.quote/rollback", "{\"version\":\"v1\"}",
                TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("change").get("actor").asText()).isEqualTo("it-operator");
        assertThat(json(r).get("change").get("kind").asText()).isEqualTo("rollback");
        assertThat(json(r).get("change").get("applied").asBoolean()).as("applied by this JVM at once").isTrue();
        String changeId = json(r).get("change").get("id").asText();

        long deadline = System.currentTimeMillis() + 5_000;
        String running = null;
        while (System.currentTimeMillis() < deadline) {
            app.send("call");
            running = lastExecutionVersion();
            if ("v1".equals(running)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(running).as("the version of the application's latest call").isEqualTo("v1");
        JsonNode method = json(get("/poet/methods/" + key));
        assertThat(method.get("active_version").asText()).isEqualTo("v1");
        assertThat(method.get("state").asText()).isEqualTo("active");
        assertThat(Files.readString(dir.resolve(".poet/methods/" + key + "/current")).trim()).isEqualTo("v1");
        JsonNode changed = json(get("/poet/events?type=config.changed")).get("events");
        List<String> ids = new ArrayList<>();
        changed.forEach(e -> ids.add(e.get("payload").path("change_id").asText()));
        assertThat(ids).contains(changeId);
    }

    @Test
    @Order(5)
    void disableAndEnableOverHttpSwitchTheRunningCode() throws Exception {
        HttpResponse<String> off = send("POST", "/poet/methods/" + key + "/disable", null, TOKEN);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(json(off).get("method").get("enabled").asBoolean()).isFalse();
        assertThat(callUntil("original")).as("calls run the original code within 5 s").isTrue();
        assertThat(json(get("/poet/methods/" + key)).get("state").asText()).isEqualTo("disabled");

        HttpResponse<String> on = send("POST", "/poet/methods/" + key + "/enable", null, TOKEN);
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(callUntil("enhanced")).as("calls run the enhancement again within 5 s").isTrue();
        assertThat(json(get("/poet/methods/" + key)).get("active_version").asText()).isEqualTo("v1");
    }

    /**
     * An application without {@code poet.http.token}: reads answer, every change is 403 naming the key to set, and
     * the store is as it was.
     */
    @Test
    @Order(6)
    void withoutAConfiguredTokenChangesAreForbidden() throws Exception {
        Path other = Files.createDirectory(dir.resolve("no-token"));
        RunningJvm open = AgentJvm.of(PricingService.class).workDir(other).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager").property("poet.http.port", "0").args("serve").start();
        JvmRun run;
        try {
            open.awaitOutput("ready", 120_000);
            URI at = URI.create(Files.readString(other.resolve(".poet/http.address")).trim());
            // Versions are stored after the slots are set (calls never wait for the disk): wait for the folder.
            String openKey = null;
            long stored = System.currentTimeMillis() + 30_000;
            while (openKey == null && System.currentTimeMillis() < stored) {
                if (Files.isDirectory(other.resolve(".poet/methods"))) {
                    try (Stream<Path> keys = Files.list(other.resolve(".poet/methods"))) {
                        openKey = keys.map(p -> p.getFileName().toString()).findFirst().orElse(null);
                    }
                }
                if (openKey == null) {
                    Thread.sleep(20);
                }
            }
            assertThat(openKey).as("a stored method in " + other).isNotNull();
            HttpResponse<String> read = CLIENT.send(HttpRequest.newBuilder(URI.create(at + "/poet/methods/" + openKey))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            Map<String, String> before = store(other);
            for (String[] change : List.of(new String[] {"POST", "/rollback", "{\"version\":\"v1\"}"},
                    new String[] {"POST", "/disable", null},
                    new String[] {"PUT", "/params", "{\"params\":{\"retries\":\"1\"}}"})) {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
                        URI.create(at + "/poet/methods/" + openKey + change[1]))
                        .method(change[0], change[2] == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(change[2]))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertProblem(r, 403, "token_required");
                assertThat(json(r).get("message").asText()).contains("poet.http.token");
            }
            HttpResponse<String> selection = CLIENT.send(HttpRequest.newBuilder(URI.create(at + "/poet/selection"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"include\":\"a.B[*]\"}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(selection, 403, "token_required");
            assertThat(store(other)).isEqualTo(before);
        } finally {
            run = open.stop();
        }
        SuppressedErrorCheck.verify(List.of(run));
    }

    /** Calls until the application says a call ran {@code how} (enhanced or original), for at most 5 s. */
    private static boolean callUntil(String how) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        int seen = app.stdout().split("\n").length;
        while (System.currentTimeMillis() < deadline) {
            app.send("call");
            String[] lines = app.stdout().split("\n");
            for (int i = seen; i < lines.length; i++) {
                if (lines[i].startsWith("quote ") && lines[i].endsWith(" " + how)) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The version of the newest {@code function.execution} event of the method, or null. */
    private static String lastExecutionVersion() throws Exception {
        HttpResponse<String> r = get("/poet/events?type=function.execution&method=" + key + "&limit=1000");
        JsonNode events = json(r).get("events");
        return events == null || events.isEmpty() ? null
                : events.get(events.size() - 1).get("payload").path("version").asText(null);
    }

    /**
     * Every operation the document has is routed with exactly the documented methods, and every routed path is
     * documented. The server's own answers say what it routes: a path no route has is 404 listing every routed
     * path, and an unrouted method on a routed path is 405 with {@code Allow}.
     */
    @Test
    @Order(4)
    void theOpenApiDocumentMatchesTheRoutesInBothDirections() throws Exception {
        HttpResponse<String> r = get("/poet/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.0.");
        Map<String, Set<String>> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            Set<String> methods = new TreeSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (HTTP_METHODS.contains(m)) {
                    methods.add(m.toUpperCase(Locale.ROOT));
                }
            });
            documented.put(p.getKey(), methods);
        }

        HttpResponse<String> none = get("/no-such-route");
        assertThat(none.statusCode()).isEqualTo(404);
        String message = json(none).get("message").asText();
        Set<String> routed = new TreeSet<>(List.of(message.substring(message.indexOf("routes: ") + 8).split(", ")));
        Set<String> expected = new TreeSet<>(documented.keySet());
        assertThat(routed).as("routed paths").isEqualTo(expected);

        for (String path : expected) {
            String concrete = path.replace("{key}", key).replace("{version}", "v1").replace("{domain}", "base");
            HttpResponse<String> probe = CLIENT.send(HttpRequest.newBuilder(URI.create(base + concrete))
                    .method("TRACE", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(probe.statusCode()).as(path + ": " + probe.body()).isEqualTo(405);
            Set<String> allow = new TreeSet<>(List.of(probe.headers().firstValue("Allow").orElse("").split(", ")));
            assertThat(allow).as("methods of " + path).isEqualTo(documented.get(path));
        }
    }

    /** Path and content digest of what an operator's change would write: versions, current, operator state, journal. */
    private static Map<String, String> store() throws IOException {
        return store(dir);
    }

    private static Map<String, String> store(Path workDir) throws IOException {
        Path poet = workDir.resolve(".poet");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(poet)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = poet.relativize(f).toString().replace('\\', '/');
                boolean operatorState = rel.startsWith("methods/") || rel.startsWith("changes/")
                        || rel.equals("selection.json");
                boolean running = rel.endsWith("learned.json") || rel.endsWith("train-state.json")
                        || rel.endsWith("last-config.json") || rel.endsWith(".lock") || rel.contains(".tmp");
                if (operatorState && !running && Files.isRegularFile(f)) {
                    out.put(rel, digest(f));
                }
            }
        }
        return out;
    }

    private static String digest(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request written on a socket exactly as given, so the escapes reach the server as the test wrote them. */
    private static HttpResponse<String> raw(String method, String path, String body) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\n\r\n";
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
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
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
