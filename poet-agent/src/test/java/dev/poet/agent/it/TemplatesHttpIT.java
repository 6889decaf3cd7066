package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.templates.TemplatesApp;
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
 * The template management API of a real application JVM under the agent: refusals leave the disk untouched, and
 * a version posted and made current while the application runs is the one a method loaded afterwards is
 * generated from. One application serves the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplatesHttpIT {

    private static final String TOKEN = "it-templates-9d2";
    private static final String MARKER = "// it-template-marker-5e1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningJvm app;
    static URI base;
    static String bundledBase;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        app = AgentJvm.of(TemplatesApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.http.port", "0")
                .property("poet.http.token", TOKEN)
                .start();
        app.awaitOutput("ready", 90_000);
        Path address = dir.resolve(".poet/http.address");
        long end = System.currentTimeMillis() + 30_000;
        while (!Files.isRegularFile(address) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        base = URI.create(Files.readString(address).trim());
        try (InputStream in = Files.newInputStream(Path.of("..", "templates", "base", "Enhancement.java.mustache"))) {
            bundledBase = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        JvmRun run = app.stop();
        SuppressedErrorCheck.verify(List.of(run));
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> authed(String method, String path, String body) throws Exception {
        return send(method, path, body, "Authorization", "Bearer " + TOKEN, "X-Poet-Actor", "it:operator");
    }

    private static JsonNode expect(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        if (error != null) {
            assertThat(body.path("error").asText()).isEqualTo(error);
        }
        return body;
    }

    private static List<String> userTemplates() throws Exception {
        Path root = dir.resolve(".poet/templates");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void refusalsAreTheRight4xxAndTouchNothing() throws Exception {
        String good = JSON.writeValueAsString(Map.of("template", bundledBase, "description", "x"));
        expect(send("POST", "/api/v1/templates/base", good, "Authorization", "Bearer wrong"), 401, "unauthorized");
        expect(authed("POST", "/api/v1/templates/base", "{\"template\":"), 400, "bad_json");
        expect(authed("POST", "/api/v1/templates/%2e%2e", good), 400, "bad_request");
        expect(authed("POST", "/api/v1/templates/..%2F..%2Fx", good), 400, "bad_request");
        expect(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"../../x\"}"), 400, "bad_request");
        expect(authed("GET", "/api/v1/templates/no_such_domain", null), 404, "not_found");
        expect(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"v3\"}"), 404, "not_found");
        JsonNode refused = expect(authed("POST", "/api/v1/templates/base", JSON.writeValueAsString(Map.of(
                "template", bundledBase.replace("            return args;\n", "            return argz;\n")))), 422,
                "template_refused");
        assertThat(refused.path("stage").asText()).isEqualTo("compile");
        assertThat(refused.path("line").asInt()).isPositive();
        assertThat(userTemplates()).isEmpty();
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    @Order(2)
    void aVersionPostedAndMadeCurrentIsWhatAMethodLoadedLaterIsGeneratedFrom() throws Exception {
        String marked = bundledBase.replace("            return args;\n",
                "            " + MARKER + "\n            return args;\n");
        JsonNode v1 = expect(authed("POST", "/api/v1/templates/base", JSON.writeValueAsString(
                Map.of("template", marked, "description", "marked perceive"))), 201, null);
        assertThat(v1.path("version").asText()).isEqualTo("v1");
        JsonNode v2 = expect(authed("POST", "/api/v1/templates/base", JSON.writeValueAsString(
                Map.of("template", bundledBase, "description", "plain again"))), 201, null);
        assertThat(v2.path("version").asText()).isEqualTo("v2");
        JsonNode put = expect(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"v1\"}"), 200, null);
        assertThat(put.path("updated_at").asText()).isNotEmpty();

        app.send("load");
        app.awaitOutput("called 2", 90_000);

        // Versions are stored after the slots are set (calls never wait for the disk): wait for the method's folder.
        Path methods = dir.resolve(".poet/methods");
        long end = System.currentTimeMillis() + 30_000;
        Path key = null;
        while (key == null && System.currentTimeMillis() < end) {
            if (Files.isDirectory(methods)) {
                try (Stream<Path> keys = Files.list(methods)) {
                    key = keys.filter(p -> p.getFileName().toString().contains("LateScorer~score")).findFirst()
                            .orElse(null);
                }
            }
            if (key == null) {
                Thread.sleep(20);
            }
        }
        assertThat(key).as("a stored version of LateScorer.score\n" + app).isNotNull();
        Path source = key.resolve("v1/Enhancement.java");
        while (!(Files.isRegularFile(source) && Files.isRegularFile(source.resolveSibling("metadata.json")))
                && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(source)).contains(MARKER).contains("v1-user");
        JsonNode meta = JSON.readTree(Files.readString(source.resolveSibling("metadata.json")));
        assertThat(meta.toString()).contains("1-user");

        List<JsonNode> changes = List.of();
        long deadline = System.currentTimeMillis() + 30_000;
        while (changes.size() < 3 && System.currentTimeMillis() < deadline) {
            changes = EventsCli.read(dir.resolve(".poet"), "--type", "config.changed").stream()
                    .filter(e -> "template".equals(e.path("payload").path("kind").asText())).toList();
            if (changes.size() < 3) {
                Thread.sleep(200);
            }
        }
        assertThat(changes).hasSize(3);
        assertThat(changes).allSatisfy(e -> assertThat(e.path("payload").path("actor").asText())
                .isEqualTo("it:operator"));
        assertThat(changes.get(2).path("payload").path("summary").asText()).contains("current set to v1");
    }
}
