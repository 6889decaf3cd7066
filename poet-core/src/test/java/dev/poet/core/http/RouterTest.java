package dev.poet.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact and {@code {name}} path segments. */
class RouterTest {

    private static final RouteHandler A = r -> Response.json(200, Map.of("route", "a"));
    private static final RouteHandler B = r -> Response.json(200, Map.of("route", "b"));
    private static final RouteHandler C = r -> Response.json(200, Map.of("route", "c"));

    @TempDir
    Path home;

    @Test
    void aParameterSegmentMatchesOneSegmentAndHandsItsDecodedValue() {
        Router router = new Router().add("GET", "/api/v1/templates/{domain}/versions", A);

        Router.Match m = router.match("/api/v1/templates/retry/versions");
        assertThat(m.handlers()).containsOnlyKeys("GET");
        assertThat(m.params()).containsExactly(Map.entry("domain", "retry"));

        assertThat(router.match("/api/v1/templates/re%74ry/versions").params()).containsEntry("domain", "retry");
        assertThat(router.match("/api/v1/templates/retry").handlers()).isEmpty();
        assertThat(router.match("/api/v1/templates/retry/versions/x").handlers()).isEmpty();
        assertThat(router.match("/api/v1/templates//versions").handlers()).isEmpty();
        assertThat(router.match("/api/v1/other/retry/versions").handlers()).isEmpty();
    }

    @Test
    void escapedSlashesAndDotsStayInsideTheirSegmentForTheHandlerToRefuse() {
        Router router = new Router().add("GET", "/t/{domain}", A);

        assertThat(router.match("/t/%2e%2e").params()).containsEntry("domain", "..");
        assertThat(router.match("/t/a%2Fb").params()).containsEntry("domain", "a/b");
        assertThat(router.match("/t/a%5Cb").params()).containsEntry("domain", "a\\b");
        assertThat(router.match("/t/%zz").handlers()).isEmpty();
        assertThat(router.match("/t/%c3").handlers()).as("not UTF-8").isEmpty();
    }

    @Test
    void anExactRouteWinsThenTheRouteWithMoreExactSegments() {
        Router router = new Router()
                .add("GET", "/t/{domain}/{version}", A)
                .add("PUT", "/t/{domain}/current", B)
                .add("GET", "/t/retry/current", C);

        assertThat(router.match("/t/retry/current").handlers()).containsOnlyKeys("GET").containsValue(C);
        assertThat(router.match("/t/cache/current").handlers()).containsOnlyKeys("PUT");
        assertThat(router.match("/t/cache/current").params()).containsExactly(Map.entry("domain", "cache"));
        Router.Match version = router.match("/t/cache/v3");
        assertThat(version.handlers()).containsOnlyKeys("GET");
        assertThat(version.params()).containsExactly(Map.entry("domain", "cache"), Map.entry("version", "v3"));
    }

    @Test
    void methodsOfOneTemplateShareItAndARouteIsNeverReplaced() {
        Router router = new Router().add("GET", "/t/{domain}", A).add("POST", "/t/{domain}", B);

        assertThat(router.match("/t/x").handlers()).containsOnlyKeys("GET", "POST");
        assertThat(router.paths()).containsExactly("/t/{domain}");
        assertThatThrownBy(() -> router.add("GET", "/t/{domain}", C)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /t/{domain}");
    }

    @Test
    void malformedTemplatesAreRefusedWhenAdded() {
        Router router = new Router();
        assertThatThrownBy(() -> router.add("GET", "/t/{a}/{a}", A)).hasMessageContaining("twice");
        assertThatThrownBy(() -> router.add("GET", "/t/x{a}", A)).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> router.add("GET", "/t/{}", A)).hasMessageContaining("parameter");
        assertThatThrownBy(() -> router.add("GET", "/t//{a}", A)).hasMessageContaining("empty segment");
    }

    @Test
    void overARealSocketTheHandlerReadsTheParameterAndUnknownPathsAre404() throws Exception {
        Router router = new Router()
                .add("GET", "/t/{domain}", r -> Response.json(200, Map.of("domain", r.pathParam("domain"))))
                .add("GET", "/exact", A);
        try (PoetHttpServer server = PoetHttpServer.start(
                new HttpOptions("127.0.0.1", 0, Optional.empty(), 1024, 10_000, home, 2), router)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/t/a%2Fb"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"domain\":\"a/b\"");

            HttpResponse<String> exact = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/exact"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(exact.body()).contains("\"route\":\"a\"");

            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/t/a/b"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/t/x"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
    }
}
