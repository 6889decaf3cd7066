package dev.poet.core.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.log.PoetLog;
import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.Operations;
import dev.poet.core.operate.VersionDetail;
import dev.poet.core.operate.VersionView;

/**
 * The methods API over {@link Operations}: what runs, its versions, parameters, whether it is enabled, and the
 * selection. Reads answer 200 with snake_case JSON; a change answers 200 {@code {"change": receipt, ...}} with the
 * state after it.
 *
 * <p>Every change needs {@code poet.http.token}: with none configured it is refused (403 {@code token_required}),
 * since an API that anyone on the host could use to swap the code that runs must not be open by default; a missing or
 * wrong token is refused by the server (401) before a route runs. The actor of a change is the
 * {@value #ACTOR_HEADER} header when given, else {@code http:<client address>}.
 *
 * <p>Every name from the path is checked before {@link Operations} sees it, so a refusal (400, 401, 403, 404, 413)
 * never changes anything on disk: method names only of {@code [A-Za-z0-9._~$-]} without {@code ..}, versions
 * {@code vN}. A method may be named by its key or by anything {@link Operations#resolve} accepts.
 */
public final class MethodRoutes {

    public static final String METHODS = "/poet/methods";
    public static final String METHOD = METHODS + "/{key}";
    public static final String VERSIONS = METHOD + "/versions";
    public static final String VERSION = VERSIONS + "/{version}";
    public static final String ROLLBACK = METHOD + "/rollback";
    public static final String APPROVE = METHOD + "/approve";
    public static final String REJECT = METHOD + "/reject";
    public static final String PARAMS = METHOD + "/params";
    public static final String ENABLE = METHOD + "/enable";
    public static final String DISABLE = METHOD + "/disable";
    public static final String SELECTION = "/poet/selection";

    /** Names the person or system behind a change, instead of the client's address. */
    public static final String ACTOR_HEADER = "X-Poet-Actor";
    static final int MAX_ACTOR = 100;
    static final int MAX_REASON = 1000;

    /** A method name as the path may carry it: a key, {@code Class.method} (binary names too) or a prefix. */
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9._~$-]{1,200}");
    private static final Pattern VERSION_NAME = Pattern.compile("v[1-9][0-9]{0,8}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final Operations operations;
    private final boolean tokenConfigured;

    /**
     * @param tokenConfigured whether the server checks {@code poet.http.token}; without one every change is refused
     */
    public MethodRoutes(Operations operations, boolean tokenConfigured) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.tokenConfigured = tokenConfigured;
    }

    /** Adds every route to {@code router}. */
    public Router addTo(Router router) {
        router.add("GET", METHODS, r -> json(Map.of("methods", views(call(operations::methods)))));
        router.add("GET", METHOD, r -> json(view(call(() -> operations.method(key(r))))));
        router.add("GET", VERSIONS, this::versions);
        router.add("GET", VERSION, this::version);
        router.add("POST", ROLLBACK, r -> change(r, Set.of("version"),
                (key, body) -> operations.rollback(key, version(body), actor(r))));
        router.add("POST", APPROVE, r -> change(r, Set.of("version"),
                (key, body) -> operations.approve(key, version(body), actor(r))));
        router.add("POST", REJECT, r -> change(r, Set.of("version", "reason"),
                (key, body) -> operations.reject(key, version(body), reason(body), actor(r))));
        router.add("GET", PARAMS, this::params);
        router.add("PUT", PARAMS, r -> change(r, Set.of("params"),
                (key, body) -> operations.setParams(key, paramValues(body), actor(r))));
        router.add("POST", ENABLE, r -> change(r, null, (key, body) -> operations.setEnabled(key, true, actor(r))));
        router.add("POST", DISABLE, r -> change(r, null, (key, body) -> operations.setEnabled(key, false, actor(r))));
        router.add("GET", SELECTION, r -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("include", call(operations::selection));
            return json(body);
        });
        router.add("PUT", SELECTION, this::putSelection);
        return router;
    }

    private Response versions(Request request) throws HttpProblem {
        String key = key(request);
        List<VersionView> versions = call(() -> operations.versions(key));
        List<Object> out = new ArrayList<>();
        versions.forEach(v -> out.add(version(v)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method_key", key);
        body.put("versions", out);
        return json(body);
    }

    private Response version(Request request) throws HttpProblem {
        String version = pathVersion(request);
        String key = key(request);
        VersionDetail d = call(() -> operations.version(key, version));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method_key", key);
        body.put("version", version(d.version()));
        body.put("source", d.source());
        body.put("metadata", d.metadata());
        body.put("audit", d.audit());
        body.put("params", d.params());
        return json(body);
    }

    private Response params(Request request) throws HttpProblem {
        String key = key(request);
        Map<String, String> params = call(() -> operations.params(key));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method_key", key);
        body.put("params", params);
        return json(body);
    }

    private Response putSelection(Request request) throws HttpProblem {
        requireToken(request);
        String actor = actor(request);
        JsonNode body = body(request, Set.of("include"));
        JsonNode include = body.get("include");
        if (include == null || !include.isTextual()) {
            throw new HttpProblem(400, "bad_request", "include is " + (include == null ? "missing" : "not a string")
                    + "; send {\"include\": \"com.acme..*[get*]\"} (the poet.methods.include syntax)");
        }
        ChangeReceipt receipt = call(() -> operations.setSelection(include.asText(), actor));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("change", receipt(receipt));
        out.put("include", after(operations::selection));
        return json(out);
    }

    /**
     * A change to one method: the token and the actor first, then the path's name, then the body; only when all of
     * them are good does {@link Operations} see the request. Answers the receipt and the method after the change.
     *
     * @param fields the body's fields, or null for a change that takes no body (one sent is ignored)
     */
    private Response change(Request request, Set<String> fields, Change change) throws HttpProblem {
        requireToken(request);
        actor(request);
        String name = methodName(request);
        JsonNode body = fields == null ? null : body(request, fields);
        String key = call(() -> operations.resolve(name));
        ChangeReceipt receipt = call(() -> change.apply(key, body));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("change", receipt(receipt));
        out.put("method", after(() -> view(operations.method(key))));
        return json(out);
    }

    /**
     * The state after a change that was written: when it cannot be read the answer is still 200 with the receipt
     * (and null here), since answering an error would say the change failed when it did not.
     */
    private static Object after(Call<Object> read) {
        try {
            return read.get();
        } catch (OperationException | HttpProblem | RuntimeException e) {
            PoetLog.warn("HTTP API: the state after a change could not be read: " + e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface Change {
        ChangeReceipt apply(String key, JsonNode body) throws OperationException, HttpProblem;
    }

    private void requireToken(Request request) throws HttpProblem {
        if (!tokenConfigured) {
            throw new HttpProblem(403, "token_required", request.method() + " " + request.path()
                    + " changes what runs and is refused while no token is configured; set poet.http.token and send"
                    + " Authorization: Bearer <token>");
        }
    }

    /** The actor of a change: {@value #ACTOR_HEADER} when given, else the client's address. */
    static String actor(Request request) throws HttpProblem {
        String given = request.header(ACTOR_HEADER);
        if (given == null) {
            return "http:" + request.client();
        }
        String actor = given.strip();
        if (actor.isEmpty() || actor.length() > MAX_ACTOR || !printable(actor)) {
            throw new HttpProblem(400, "bad_actor", ACTOR_HEADER + " must be 1 to " + MAX_ACTOR
                    + " printable characters; got " + (actor.isEmpty() ? "an empty value" : actor.length()
                    + " characters" + (printable(actor) ? "" : " with control characters")));
        }
        return actor;
    }

    private static boolean printable(String s) {
        return s.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    /** The path's method name resolved to a key. */
    private String key(Request request) throws HttpProblem {
        String name = methodName(request);
        return call(() -> operations.resolve(name));
    }

    private static String methodName(Request request) throws HttpProblem {
        String name = request.pathParam("key");
        String why = traversal(name);
        if (why != null || !METHOD_NAME.matcher(name).matches()) {
            throw new HttpProblem(400, "bad_method_name", "invalid method name '" + shorten(name) + "': "
                    + (why != null ? why : "use a method key, Class.method or a unique prefix of a key "
                    + "(letters, digits and . _ ~ $ -)"));
        }
        return name;
    }

    private static String pathVersion(Request request) throws HttpProblem {
        return checkVersion(request.pathParam("version"), "the path");
    }

    private static String checkVersion(String version, String where) throws HttpProblem {
        if (version == null || !VERSION_NAME.matcher(version).matches()) {
            String why = version == null ? null : traversal(version);
            throw new HttpProblem(400, "bad_version", "invalid version " + (version == null ? "(none)"
                    : "'" + shorten(version) + "'") + " in " + where + ": " + (why != null ? why
                    : "expected v followed by a number from 1, e.g. v2"));
        }
        return version;
    }

    /** Why {@code value} reads as a path rather than a name, or null. */
    static String traversal(String value) {
        if (value.indexOf('\0') >= 0) {
            return "NUL character";
        }
        if (value.indexOf('%') >= 0) {
            return "percent-encoded characters";
        }
        if (value.contains("..")) {
            return "path traversal ('..')";
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            return "path separator";
        }
        return null;
    }

    private static String version(JsonNode body) throws HttpProblem {
        JsonNode v = body.get("version");
        if (v == null || !v.isTextual()) {
            throw new HttpProblem(400, "bad_request", "version is " + (v == null ? "missing" : "not a string")
                    + "; send {\"version\": \"v1\"}");
        }
        return checkVersion(v.asText(), "the body");
    }

    private static String reason(JsonNode body) throws HttpProblem {
        JsonNode r = body.get("reason");
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isTextual() || r.asText().length() > MAX_REASON) {
            throw new HttpProblem(400, "bad_request", "reason must be a string of at most " + MAX_REASON
                    + " characters");
        }
        return r.asText();
    }

    /** {@code {"params": {...}}}: strings, numbers and booleans as text; an empty string removes a parameter. */
    private static Map<String, String> paramValues(JsonNode body) throws HttpProblem {
        JsonNode params = body.get("params");
        if (params == null || !params.isObject()) {
            throw new HttpProblem(400, "bad_request", "params is " + (params == null ? "missing" : "not an object")
                    + "; send {\"params\": {\"retries\": \"5\"}}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new HttpProblem(400, "bad_request", "params." + shorten(e.getKey())
                        + " must be a string, number or boolean (an empty string removes it)");
            }
            values.put(e.getKey(), v.asText());
        }
        if (values.isEmpty()) {
            throw new HttpProblem(400, "bad_request", "params is empty; name at least one parameter");
        }
        return values;
    }

    /** The JSON object body, refusing fields other than {@code allowed}, so a typo is not silently ignored. */
    private static JsonNode body(Request request, Set<String> allowed) throws HttpProblem {
        byte[] bytes = request.jsonBody();
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "bad_json", "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpProblem(400, "bad_json", "the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new HttpProblem(400, "bad_json", "the body must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new HttpProblem(400, "bad_request", "unknown field " + shorten(f) + "; this request takes "
                        + String.join(", ", allowed));
            }
        }
        return node;
    }

    @FunctionalInterface
    private interface Call<T> {
        T get() throws OperationException, HttpProblem;
    }

    private static <T> T call(Call<T> call) throws HttpProblem {
        try {
            return call.get();
        } catch (OperationException e) {
            throw problem(e);
        }
    }

    static HttpProblem problem(OperationException e) {
        String code = switch (e.kind()) {
            case BAD_REQUEST -> "bad_request";
            case UNKNOWN -> "not_found";
            case AMBIGUOUS -> "ambiguous";
            case CONFLICT -> "conflict";
            case FAILED -> "operation_failed";
        };
        return new HttpProblem(e.kind().httpStatus(), code, e.getMessage());
    }

    private static Response json(Object body) {
        return Response.json(200, body);
    }

    static List<Object> views(List<MethodView> views) {
        List<Object> out = new ArrayList<>();
        views.forEach(v -> out.add(view(v)));
        return out;
    }

    /** A method in the API's snake_case form. */
    static Map<String, Object> view(MethodView v) {
        return dev.poet.core.operate.OperateJson.method(v);
    }

    static Map<String, Object> version(VersionView v) {
        return dev.poet.core.operate.OperateJson.version(v);
    }

    static Map<String, Object> receipt(ChangeReceipt r) {
        return dev.poet.core.operate.OperateJson.receipt(r);
    }

    private static String shorten(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < 80 ? sb.toString() : sb + "…";
    }
}
