package dev.poet.core.http;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.templates.TemplateCatalog;
import dev.poet.core.templates.TemplateException;
import dev.poet.core.templates.TrialProblem;
import dev.poet.core.templates.TrialResult;

/**
 * The template management API:
 * <ul>
 *   <li>{@code GET /api/v1/templates}: every domain, the version in effect and its versions;</li>
 *   <li>{@code GET /api/v1/templates/{domain}}: the template in effect ({@code template} is its source,
 *   {@code files} every file, {@code metadata} who made it and when);</li>
 *   <li>{@code GET /api/v1/templates/{domain}/versions} and {@code GET …/versions/{version}};</li>
 *   <li>{@code POST /api/v1/templates/{domain}} {@code {"template": "<source>", "files": {...}, "description",
 *   "author"}}: a new user version, stored and made current only after it rendered, compiled, passed the audit and
 *   verification on the domain's sample method: 201 {@code {"version", "created_at", ...}}, or 422
 *   {@code template_refused} with {@code stage}, {@code file}, {@code line} and {@code reason};</li>
 *   <li>{@code PUT /api/v1/templates/{domain}/current} {@code {"version": "v3"}} ({@code "default"} goes back to
 *   the configured or bundled template): 200 {@code {"updated_at"}}.</li>
 * </ul>
 * Mutations need {@code poet.http.token}: refused with 403 when none is configured, 401 when the bearer token is
 * missing or wrong. Each accepted mutation is announced as a {@code config.changed} payload to the listener, with
 * the actor ({@code X-Poet-Actor} when given, else {@code http:<client address>}).
 */
public final class TemplateRoutes {

    public static final String BASE = "/api/v1/templates";
    static final String ACTOR_HEADER = "X-Poet-Actor";
    private static final Set<String> POST_FIELDS = Set.of("template", "files", "description", "author");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final TemplateCatalog catalog;
    private final BearerToken token;
    private final Consumer<Map<String, Object>> changes;

    /**
     * @param token   {@code poet.http.token}; empty refuses every mutation
     * @param changes receives each change's {@code config.changed} payload; must not throw
     */
    public TemplateRoutes(TemplateCatalog catalog, Optional<String> token, Consumer<Map<String, Object>> changes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.token = token.filter(t -> !t.isEmpty()).map(BearerToken::new).orElse(null);
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** Adds the routes to {@code router}. */
    public Router addTo(Router router) {
        return router.add("GET", BASE, r -> list())
                .add("GET", BASE + "/{domain}", r -> domain(r.pathParam("domain")))
                .add("POST", BASE + "/{domain}", this::create)
                .add("GET", BASE + "/{domain}/versions", r -> versions(r.pathParam("domain")))
                .add("GET", BASE + "/{domain}/versions/{version}",
                        r -> version(r.pathParam("domain"), r.pathParam("version")))
                .add("PUT", BASE + "/{domain}/current", this::setCurrent);
    }

    private Response list() throws HttpProblem {
        List<Object> out = new ArrayList<>();
        try {
            for (TemplateCatalog.DomainInfo d : catalog.list()) {
                out.add(summary(d));
            }
        } catch (TemplateException e) {
            throw problem(e);
        }
        return Response.json(200, Map.of("templates", out));
    }

    private Response domain(String domain) throws HttpProblem {
        try {
            TemplateCatalog.DomainInfo d = catalog.domain(domain);
            if (d.effective() == null) {
                throw new HttpProblem(404, "not_found", "domain '" + domain + "' has user versions but none is"
                        + " current; make one current with PUT " + BASE + "/" + domain + "/current");
            }
            TemplateCatalog.VersionFiles files = catalog.show(domain, d.effective().version());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("domain", domain);
            out.put("template", files.files().get(TemplateCatalog.SOURCE));
            out.put("version", d.effective().version());
            out.put("source", d.effective().source().label());
            out.put("template_version", d.effective().templateVersion());
            out.put("current", d.current());
            out.put("metadata", metadata(d.effective()));
            out.put("files", files.files());
            return Response.json(200, out);
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private Response versions(String domain) throws HttpProblem {
        try {
            TemplateCatalog.DomainInfo d = catalog.domain(domain);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("domain", domain);
            out.put("current", d.current());
            out.put("effective", d.effective() == null ? null : d.effective().version());
            List<Object> versions = new ArrayList<>();
            d.versions().forEach(v -> versions.add(version(v)));
            out.put("versions", versions);
            return Response.json(200, out);
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private Response version(String domain, String version) throws HttpProblem {
        try {
            TemplateCatalog.VersionFiles files = catalog.show(domain, version);
            Map<String, Object> out = new LinkedHashMap<>(version(files.info()));
            out.put("domain", domain);
            out.put("files", files.files());
            out.put("metadata", files.metadata());
            return Response.json(200, out);
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private Response create(Request request) throws HttpProblem {
        String actor = authorize(request);
        String domain = request.pathParam("domain");
        checkDomain(domain);
        JsonNode body = object(request.jsonBody());
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(n -> {
            if (!POST_FIELDS.contains(n)) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new HttpProblem(400, "bad_request", "unknown field(s) " + unknown + "; a version is "
                    + "{\"template\", \"files\", \"description\", \"author\"}");
        }
        Map<String, String> files = new LinkedHashMap<>();
        JsonNode fileNode = body.get("files");
        if (fileNode != null && !fileNode.isNull()) {
            if (!fileNode.isObject()) {
                throw new HttpProblem(400, "bad_request", "files is an object of file name to text");
            }
            Iterator<Map.Entry<String, JsonNode>> it = fileNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getValue().isTextual()) {
                    throw new HttpProblem(400, "bad_request", "files." + shorten(f.getKey()) + " is not text");
                }
                files.put(f.getKey(), f.getValue().asText());
            }
        }
        String template = text(body, "template");
        if (template != null) {
            if (files.containsKey(TemplateCatalog.SOURCE) && !files.get(TemplateCatalog.SOURCE).equals(template)) {
                throw new HttpProblem(400, "bad_request", "template and files." + TemplateCatalog.SOURCE
                        + " differ; give the source once");
            }
            files.put(TemplateCatalog.SOURCE, template);
        }
        String description = text(body, "description");
        String author = text(body, "author");
        try {
            TemplateCatalog.Created created = catalog.create(domain, files, description,
                    author == null ? actor : author);
            TemplateCatalog.DomainInfo d = catalog.domain(domain);
            String templateVersion = d.versions().stream().filter(v -> v.version().equals(created.version()))
                    .map(TemplateCatalog.VersionInfo::templateVersion).findFirst().orElse(null);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("domain", domain);
            out.put("version", created.version());
            out.put("created_at", created.createdAt().toString());
            out.put("template_version", templateVersion);
            out.put("current", true);
            out.put("trial", trial(created.trial()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("domain", domain);
            detail.put("version", created.version());
            detail.put("template_version", templateVersion);
            detail.put("description", description == null ? "" : description);
            detail.put("author", author == null ? actor : author);
            announce(actor, "template '" + domain + "' " + created.version() + " created and made current", detail);
            return Response.json(201, out).withHeader("Location", BASE + "/" + domain + "/versions/" + created.version());
        } catch (TemplateException e) {
            if (e.kind().equals("refused")) {
                return refused(e);
            }
            throw problem(e);
        }
    }

    private Response setCurrent(Request request) throws HttpProblem {
        String actor = authorize(request);
        String domain = request.pathParam("domain");
        checkDomain(domain);
        JsonNode body = object(request.jsonBody());
        String version = text(body, "version");
        if (version == null) {
            throw new HttpProblem(400, "bad_request", "version is missing: {\"version\": \"v3\"} (or \""
                    + TemplateCatalog.DEFAULT + "\" for the configured or bundled template)");
        }
        try {
            String before = catalog.domain(domain).current();
            Instant at = catalog.setCurrent(domain, version);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("domain", domain);
            detail.put("version", version);
            detail.put("previous", before);
            announce(actor, "template '" + domain + "' current set to " + version
                    + (before == null ? "" : " (was " + before + ")"), detail);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("domain", domain);
            out.put("version", version);
            out.put("previous", before);
            out.put("updated_at", at.toString());
            return Response.json(200, out);
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private void announce(String actor, String summary, Map<String, Object> detail) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("change_id", System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet());
        payload.put("actor", actor);
        payload.put("kind", "template");
        payload.put("method", null);
        payload.put("summary", summary);
        payload.put("detail", detail);
        payload.putAll(detail);
        try {
            changes.accept(payload);
        } catch (RuntimeException e) {
            dev.poet.core.log.PoetLog.suppressed("template change event", e);
        }
    }

    /** The actor of a mutation, after the token check. */
    private String authorize(Request request) throws HttpProblem {
        if (token == null) {
            throw new HttpProblem(403, "forbidden", "template changes are refused while no token is configured;"
                    + " set poet.http.token and send Authorization: Bearer <token>");
        }
        if (!token.matches(request.header("Authorization"))) {
            throw new HttpProblem(401, "unauthorized", request.header("Authorization") == null
                    ? "Authorization is missing; send Authorization: Bearer <poet.http.token>"
                    : "the bearer token is wrong").header("WWW-Authenticate", "Bearer realm=\"poet\"");
        }
        String actor = request.header(ACTOR_HEADER);
        if (actor == null) {
            return "http:" + request.client();
        }
        if (actor.isEmpty() || actor.length() > 100 || !actor.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new HttpProblem(400, "bad_request", ACTOR_HEADER + " is 1 to 100 printable ASCII characters");
        }
        return actor;
    }

    private static void checkDomain(String domain) throws HttpProblem {
        try {
            TemplateCatalog.checkDomain(domain);
        } catch (TemplateException e) {
            throw problem(e);
        }
    }

    private static JsonNode object(byte[] body) throws HttpProblem {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "bad_json", "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpProblem(400, "bad_json", "the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new HttpProblem(400, "bad_json", "the body is not a JSON object");
        }
        return node;
    }

    private static String text(JsonNode body, String field) throws HttpProblem {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new HttpProblem(400, "bad_request", field + " is not a string");
        }
        return v.asText();
    }

    private static Response refused(TemplateException e) {
        TrialProblem p = e.problem();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "template_refused");
        out.put("message", e.getMessage());
        out.put("stage", p == null ? null : p.stage());
        out.put("file", p == null ? null : p.file());
        out.put("line", p == null || p.line() == 0 ? null : p.line());
        out.put("reason", p == null ? e.getMessage() : p.reason());
        return Response.json(422, out);
    }

    private static HttpProblem problem(TemplateException e) {
        return switch (e.kind()) {
            case "bad_request" -> new HttpProblem(400, "bad_request", e.getMessage());
            case "not_found" -> new HttpProblem(404, "not_found", e.getMessage());
            case "refused" -> new HttpProblem(422, "template_refused", e.getMessage());
            default -> new HttpProblem(500, "template_store_failed", e.getMessage());
        };
    }

    private static Map<String, Object> summary(TemplateCatalog.DomainInfo d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", d.domain());
        out.put("version", d.effective() == null ? null : d.effective().version());
        out.put("source", d.effective() == null ? null : d.effective().source().label());
        out.put("template_version", d.effective() == null ? null : d.effective().templateVersion());
        out.put("description", d.effective() == null ? null : d.effective().description());
        out.put("current", d.current());
        out.put("versions", d.versions().stream().map(TemplateCatalog.VersionInfo::version).toList());
        return out;
    }

    static Map<String, Object> version(TemplateCatalog.VersionInfo v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("source", v.source().label());
        out.put("template_version", v.templateVersion());
        out.putAll(metadata(v));
        out.put("current", v.current());
        return out;
    }

    private static Map<String, Object> metadata(TemplateCatalog.VersionInfo v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", v.createdAt() == null ? null : v.createdAt().toString());
        out.put("updated_at", v.updatedAt() == null ? null : v.updatedAt().toString());
        out.put("author", v.author());
        out.put("description", v.description());
        return out;
    }

    private static Map<String, Object> trial(TrialResult t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", t.method());
        out.put("verdict", t.verdict());
        out.put("notes", t.notes());
        out.put("timings_ms", t.timingsMs());
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
