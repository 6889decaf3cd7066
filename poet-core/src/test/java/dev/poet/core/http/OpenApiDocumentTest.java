package dev.poet.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.config.ConfigLoader;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.telemetry.Telemetry;

/**
 * The OpenAPI document against the routes: every route the server of {@link Telemetry} has (plus the methods API it
 * is given once the engine exists) is documented with its method, and every reference in the document resolves. The
 * other direction, every documented operation routed, needs the whole agent and is checked by {@code OpenApiIT}.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path home;

    static JsonNode document() throws Exception {
        byte[] bytes = OpenApiRoute.load();
        assertThat(bytes).as("openapi.json beside OpenApiRoute").isNotNull();
        return JSON.readTree(bytes);
    }

    /** {@code METHOD path} of every operation the document has. */
    static Set<String> documented(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (HTTP_METHODS.contains(method)) {
                    out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        return out;
    }

    static Set<String> routed(Router router) {
        Set<String> out = new TreeSet<>();
        for (String path : router.paths()) {
            router.methods(path).keySet().forEach(m -> out.add(m + " " + path));
        }
        return out;
    }

    @Test
    void everyRouteOfTheServerIsDocumented() throws Exception {
        PoetConfig config = ConfigLoader.load(null, Map.of("poet.home", home.toString(), "poet.http.port", "0",
                "poet.http.token", "t"), Map.of(), home, "Main");
        Telemetry telemetry = Telemetry.start(config, "test", Clock.systemUTC()).orElseThrow();
        try {
            AtomicReference<Router> router = new AtomicReference<>();
            assertThat(telemetry.addRoutes(r -> {
                new MethodRoutes(new FakeOperations(), true).addTo(r);
                router.set(r);
            })).isTrue();
            Set<String> routed = routed(router.get());
            assertThat(routed).contains("GET /poet/openapi.json", "POST /poet/feedback", "GET /poet/events",
                    "POST /poet/methods/{key}/rollback");

            assertThat(documented(document())).containsAll(routed);

            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(telemetry.http().orElseThrow().baseUri() + OpenApiRoute.PATH))
                    .header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(JSON.readTree(served.body())).isEqualTo(document());
        } finally {
            telemetry.close();
        }
    }

    @Test
    void theDocumentIsOpenApi3AndEveryReferenceResolves() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).startsWith("3.0.");
        assertThat(doc.get("info").get("title").asText()).isNotBlank();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            JsonNode target = doc.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("target of " + ref).isFalse();
        }
    }

    @Test
    void everyOperationHasAnIdResponsesAndItsPathParameters() throws Exception {
        JsonNode doc = document();
        Set<String> ids = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            Set<String> names = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
            while (m.find()) {
                names.add(m.group(1));
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey() + " " + p.getKey();
                assertThat(ids.add(op.getValue().get("operationId").asText())).as("unique id of " + where).isTrue();
                assertThat(op.getValue().get("responses").size()).as(where).isPositive();
                Set<String> declared = new TreeSet<>();
                for (JsonNode param : op.getValue().path("parameters")) {
                    JsonNode resolved = param.has("$ref") ? doc.at(param.get("$ref").asText().substring(1)) : param;
                    if (resolved.get("in").asText().equals("path")) {
                        declared.add(resolved.get("name").asText());
                    }
                }
                assertThat(declared).as("path parameters of " + where).isEqualTo(names);
                boolean mutation = !op.getKey().equals("get") && !p.getKey().equals(FeedbackRoute.PATH);
                if (mutation) {
                    assertThat(op.getValue().has("security")).as("token of " + where).isTrue();
                    assertThat(op.getValue().get("responses").has("403")).as("403 of " + where).isTrue();
                }
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }
}
