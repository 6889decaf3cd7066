package dev.poet.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.templates.TemplateCatalog;

/** The template management API over real sockets; one server with a token and one without for the class. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplateRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token";
    private static final String MARKER = "// routes-marker-41c";

    @TempDir
    static Path home;
    @TempDir
    static Path bareHome;

    private static final List<Map<String, Object>> changes = new CopyOnWriteArrayList<>();
    private static TemplateRepository repository;
    private static PoetHttpServer server;
    private static PoetHttpServer tokenless;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        repository = new TemplateRepository(home, null, TemplateRoutesTest.class.getClassLoader());
        Router router = new TemplateRoutes(new TemplateCatalog(repository, Clock.systemUTC()), Optional.of(TOKEN),
                changes::add).addTo(new Router());
        server = PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, Optional.of(TOKEN), 65_536, 10_000, home, 2),
                router);
        Router bare = new TemplateRoutes(new TemplateCatalog(new TemplateRepository(bareHome, null,
                TemplateRoutesTest.class.getClassLoader()), Clock.systemUTC()), Optional.empty(), changes::add)
                .addTo(new Router());
        tokenless = PoetHttpServer.start(new HttpOptions("127.0.0.1", 0, Optional.empty(), 65_536, 10_000, bareHome, 2),
                bare);
        try (InputStream in = TemplateRoutesTest.class.getClassLoader()
                .getResourceAsStream("dev/poet/templates/base/Enhancement.java.mustache")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        tokenless.close();
    }

    @BeforeEach
    void clear() {
        changes.clear();
    }

    private static HttpResponse<String> send(PoetHttpServer s, String method, String path, String body,
                                             String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUri() + path)).timeout(Duration.ofSeconds(30))
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

    private static HttpResponse<String> authed(String method, String path, String body, String... headers)
            throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + TOKEN;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(server, method, path, body, all);
    }

    private static JsonNode assertStatus(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        if (error != null) {
            assertThat(body.path("error").asText()).as(r.body()).isEqualTo(error);
        }
        return body;
    }

    private static String version(String source, String description) throws Exception {
        return JSON.writeValueAsString(Map.of("template", source, "description", description));
    }

    private static List<String> onDisk(Path root) throws IOException {
        if (!Files.exists(root.resolve("templates"))) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root.resolve("templates"))) {
            return all.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void readingNeedsTheTokenTooWhenOneIsConfiguredAndListsTheBundledDomains() throws Exception {
        assertStatus(send(server, "GET", "/api/v1/templates", null), 401, "unauthorized");

        JsonNode list = assertStatus(authed("GET", "/api/v1/templates", null), 200, null);
        assertThat(list.path("templates").findValuesAsText("domain")).contains("base", "ml_monitoring", "llm_ops");
        JsonNode baseDomain = assertStatus(authed("GET", "/api/v1/templates/base", null), 200, null);
        assertThat(baseDomain.path("template").asText()).isEqualTo(base);
        assertThat(baseDomain.path("source").asText()).isEqualTo("bundled");
        assertThat(baseDomain.path("metadata").has("description")).isTrue();
        assertThat(baseDomain.path("files").has("template.properties")).isTrue();
    }

    @Test
    @Order(2)
    void withoutAConfiguredTokenEveryMutationIs403AndNothingIsWritten() throws Exception {
        HttpResponse<String> post = send(tokenless, "POST", "/api/v1/templates/base", version(base, "x"));
        JsonNode body = assertStatus(post, 403, "forbidden");
        assertThat(body.path("message").asText()).contains("poet.http.token");
        assertStatus(send(tokenless, "PUT", "/api/v1/templates/base/current", "{\"version\":\"v1\"}"), 403, "forbidden");
        assertStatus(send(tokenless, "GET", "/api/v1/templates/base/versions", null), 200, null);
        assertThat(onDisk(bareHome)).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    @Order(3)
    void aWrongOrMissingTokenIs401() throws Exception {
        assertStatus(send(server, "POST", "/api/v1/templates/base", version(base, "x"), "Authorization", "Bearer nope"),
                401, "unauthorized");
        assertStatus(send(server, "PUT", "/api/v1/templates/base/current", "{\"version\":\"v1\"}"), 401,
                "unauthorized");
        assertThat(onDisk(home)).isEmpty();
    }

    @Test
    @Order(4)
    void badJsonOversizedBodiesAndBadFieldsAre4xxAndWriteNothing() throws Exception {
        assertStatus(authed("POST", "/api/v1/templates/base", "{\"template\": "), 400, "bad_json");
        assertStatus(authed("POST", "/api/v1/templates/base", "[1]"), 400, "bad_json");
        assertStatus(authed("PUT", "/api/v1/templates/base/current", "{nope"), 400, "bad_json");
        assertStatus(authed("POST", "/api/v1/templates/base", "{\"templat\": \"x\"}"), 400, "bad_request");
        assertStatus(authed("POST", "/api/v1/templates/base", "{\"template\": 3}"), 400, "bad_request");
        assertStatus(authed("POST", "/api/v1/templates/base",
                JSON.writeValueAsString(Map.of("files", Map.of("../evil.mustache", base)))), 400, "bad_request");
        assertStatus(authed("POST", "/api/v1/templates/base", version(base + "x".repeat(70_000), "big")), 413,
                "body_too_large");
        assertThat(onDisk(home)).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    @Order(5)
    void pathTraversalInDomainsAndVersionsIs400AndTouchesNothing() throws Exception {
        for (String domain : List.of("%2e%2e", "..", "a%2Fb", "..%2F..%2Fetc", "..%5Cx", "_shared", "BASE")) {
            assertStatus(authed("POST", "/api/v1/templates/" + domain, version(base, "x")), 400, "bad_request");
            assertStatus(authed("PUT", "/api/v1/templates/" + domain + "/current", "{\"version\":\"v1\"}"), 400,
                    "bad_request");
            assertStatus(authed("GET", "/api/v1/templates/" + domain + "/versions", null), 400, "bad_request");
        }
        for (String v : List.of("../../x", "v1/..", "..", "v1\\\\x", "%2e%2e")) {
            assertStatus(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"" + v + "\"}"), 400,
                    "bad_request");
        }
        assertStatus(authed("GET", "/api/v1/templates/base/versions/%2e%2e", null), 400, "bad_request");
        assertThat(onDisk(home)).isEmpty();
        assertThat(home.getParent().resolve("x")).doesNotExist();
        assertThat(changes).isEmpty();
    }

    @Test
    @Order(6)
    void unknownDomainsAndVersionsAre404() throws Exception {
        assertStatus(authed("GET", "/api/v1/templates/no_such_domain", null), 404, "not_found");
        assertStatus(authed("GET", "/api/v1/templates/no_such_domain/versions", null), 404, "not_found");
        assertStatus(authed("PUT", "/api/v1/templates/no_such_domain/current", "{\"version\":\"v1\"}"), 404,
                "not_found");
        assertStatus(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"v7\"}"), 404, "not_found");
        assertStatus(authed("GET", "/api/v1/templates/base/versions/v7", null), 404, "not_found");
        assertThat(onDisk(home)).isEmpty();
    }

    @Test
    @Order(7)
    void aRefusedVersionIs422NamingStageFileAndLineAndWritesNothing() throws Exception {
        String broken = base.replace("            return args;\n", "            return argz;\n");

        JsonNode body = assertStatus(authed("POST", "/api/v1/templates/base", version(broken, "typo")), 422,
                "template_refused");

        assertThat(body.path("stage").asText()).isEqualTo("compile");
        assertThat(body.path("file").asText()).isEqualTo("Enhancement.java.mustache");
        assertThat(body.path("line").asInt()).isPositive();
        assertThat(body.path("reason").asText()).contains("argz");
        assertThat(onDisk(home)).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    @Order(8)
    void aGoodVersionIs201AndCurrentThenPutCurrentSwitchesAndEachIsAChangeWithTheActor() throws Exception {
        String marked = base.replace("            return args;\n", "            " + MARKER + "\n            return args;\n");

        JsonNode created = assertStatus(authed("POST", "/api/v1/templates/base", version(marked, "marks perceive"),
                "X-Poet-Actor", "ops:ann"), 201, null);

        assertThat(created.path("version").asText()).isEqualTo("v1");
        assertThat(created.path("created_at").asText()).isNotEmpty();
        assertThat(created.path("trial").path("verdict").asText()).startsWith("passed");
        assertThat(repository.find("base").source()).contains(MARKER);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).containsEntry("actor", "ops:ann").containsEntry("kind", "template")
                .containsEntry("domain", "base").containsEntry("version", "v1");

        JsonNode second = assertStatus(authed("POST", "/api/v1/templates/base",
                JSON.writeValueAsString(Map.of("files", Map.of("Enhancement.java.mustache", base)))), 201, null);
        assertThat(second.path("version").asText()).isEqualTo("v2");
        assertThat(changes.get(1).get("actor").toString()).startsWith("http:127.0.0.1");

        JsonNode versions = assertStatus(authed("GET", "/api/v1/templates/base/versions", null), 200, null);
        assertThat(versions.path("current").asText()).isEqualTo("v2");
        assertThat(versions.path("versions").findValuesAsText("version")).containsExactly("v1", "v2", "bundled");
        assertThat(versions.path("versions").get(0).path("author").asText()).isEqualTo("ops:ann");
        assertThat(versions.path("versions").get(0).path("description").asText()).isEqualTo("marks perceive");

        JsonNode put = assertStatus(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"v1\"}",
                "X-Poet-Actor", "ops:bo"), 200, null);
        assertThat(put.path("updated_at").asText()).isNotEmpty();
        assertThat(put.path("previous").asText()).isEqualTo("v2");
        assertThat(Files.readString(home.resolve("templates/base/current")).trim()).isEqualTo("v1");
        assertThat(repository.find("base").source()).contains(MARKER);
        assertThat(changes.get(2)).containsEntry("actor", "ops:bo").containsEntry("version", "v1");

        JsonNode effective = assertStatus(authed("GET", "/api/v1/templates/base", null), 200, null);
        assertThat(effective.path("version").asText()).isEqualTo("v1");
        assertThat(effective.path("template").asText()).contains(MARKER);
        assertThat(effective.path("metadata").path("author").asText()).isEqualTo("ops:ann");

        JsonNode one = assertStatus(authed("GET", "/api/v1/templates/base/versions/v2", null), 200, null);
        assertThat(one.path("files").path("Enhancement.java.mustache").asText()).isEqualTo(base);

        assertStatus(authed("PUT", "/api/v1/templates/base/current", "{\"version\":\"default\"}"), 200, null);
        assertThat(repository.find("base").source()).isEqualTo(base);
        assertStatus(authed("POST", "/api/v1/templates/base", version(base, "x"), "X-Poet-Actor", "a".repeat(101)), 400,
                "bad_request");
    }
}
