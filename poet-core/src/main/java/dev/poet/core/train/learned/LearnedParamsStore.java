package dev.poet.core.train.learned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.poet.core.store.AtomicFiles;
import dev.poet.core.store.CorruptStoreFileException;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStore;

/**
 * {@link LearnedParams} at {@code <home>/methods/<method-key>/learned.json}, next to the method's versions and
 * apart from them:
 * <pre>
 * {"format":1, "objective":"latency", "values":{"timeout-ms":12, "retries":4},
 *  "history":[{"at":"2025-01-01T10:00:00Z", "kind":"changed", "before":{}, "after":{"timeout-ms":12},
 *              "evidence":{...}}]}
 * </pre>
 * Written atomically (temp file, fsync, rename). Parsing is strict about what it knows (a field of the wrong
 * type, a value that is no number, a missing {@code objective}: {@link CorruptStoreFileException}) and
 * forward-compatible about what it does not (unknown top-level fields and a higher {@code format} are read as far
 * as understood and the unknown fields survive a rewrite). Thread-safe for distinct methods; one writer per
 * method (the orchestrator) is assumed.
 */
public final class LearnedParamsStore {

    public static final String FILE = "learned.json";
    static final int FORMAT = 1;
    private static final Set<String> KNOWN = Set.of("format", "objective", "values", "history");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Function<MethodKey, Path> methodDirs;

    /** The learned values under {@code home} ({@code poet.home}). */
    public LearnedParamsStore(Path home) {
        Path methodsDir = home.toAbsolutePath().normalize().resolve("methods");
        this.methodDirs = key -> methodsDir.resolve(key.value());
    }

    private LearnedParamsStore(Function<MethodKey, Path> methodDirs) {
        this.methodDirs = methodDirs;
    }

    /** The learned values in the method folders of {@code versions}. */
    public static LearnedParamsStore of(VersionStore versions) {
        return new LearnedParamsStore(versions::methodDir);
    }

    /** Where {@code methodKey}'s learned values live. */
    public Path file(String methodKey) {
        return methodDirs.apply(MethodKey.parse(methodKey)).resolve(FILE);
    }

    /** The learned values of {@code methodKey}; empty when nothing was learned. */
    public Optional<LearnedParams> load(String methodKey) throws IOException {
        Path file = file(methodKey);
        Optional<byte[]> read = AtomicFiles.read(file);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        byte[] data = read.get();
        return Optional.of(parse(file.toString(), data));
    }

    public void save(String methodKey, LearnedParams learned) throws IOException {
        Path file = file(methodKey);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(toTree(learned)));
    }

    static LearnedParams parse(String name, byte[] data) throws CorruptStoreFileException {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (IOException e) {
            throw new CorruptStoreFileException(name + ": not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CorruptStoreFileException(name + ": not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.canConvertToInt() || !format.isIntegralNumber() || format.intValue() < 1) {
            throw new CorruptStoreFileException(name + ": 'format' must be a positive integer");
        }
        JsonNode objective = root.get("objective");
        if (objective == null || !objective.isTextual() || objective.textValue().isBlank()) {
            throw new CorruptStoreFileException(name + ": 'objective' must be a non-empty string");
        }
        Map<String, Object> values = numbers(name, "values", root.get("values"));
        List<LearnedParams.Change> history = new ArrayList<>();
        JsonNode h = root.get("history");
        if (h != null && !h.isNull()) {
            if (!h.isArray()) {
                throw new CorruptStoreFileException(name + ": 'history' must be an array");
            }
            for (JsonNode c : h) {
                history.add(change(name, c));
            }
        }
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!KNOWN.contains(f.getKey())) {
                unknown.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        }
        return new LearnedParams(objective.textValue(), values, history, unknown);
    }

    private static LearnedParams.Change change(String name, JsonNode c) throws CorruptStoreFileException {
        if (!c.isObject()) {
            throw new CorruptStoreFileException(name + ": a history entry is not an object");
        }
        JsonNode at = c.get("at");
        JsonNode kind = c.get("kind");
        if (at == null || !at.isTextual() || kind == null || !kind.isTextual()) {
            throw new CorruptStoreFileException(name + ": a history entry needs 'at' and 'kind' strings");
        }
        Instant when;
        try {
            when = Instant.parse(at.textValue());
        } catch (DateTimeParseException e) {
            throw new CorruptStoreFileException(name + ": history 'at' is not an ISO-8601 instant: " + at.textValue());
        }
        JsonNode evidence = c.get("evidence");
        if (evidence != null && !evidence.isNull() && !evidence.isObject()) {
            throw new CorruptStoreFileException(name + ": history 'evidence' must be an object");
        }
        Map<String, Object> ev = evidence == null || evidence.isNull() ? Map.of() : JSON.convertValue(evidence, MAP);
        return new LearnedParams.Change(when, kind.textValue(), numbers(name, "before", c.get("before")),
                numbers(name, "after", c.get("after")), ev);
    }

    /** An object of numbers, e.g. {@code values}; absent is empty. */
    private static Map<String, Object> numbers(String name, String field, JsonNode node)
            throws CorruptStoreFileException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new CorruptStoreFileException(name + ": '" + field + "' must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (!v.isNumber()) {
                throw new CorruptStoreFileException(name + ": '" + field + "." + f.getKey() + "' is not a number");
            }
            out.put(f.getKey(), v.isIntegralNumber() ? (Object) v.longValue() : (Object) v.doubleValue());
        }
        return out;
    }

    private static ObjectNode toTree(LearnedParams p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("objective", p.objective());
        root.set("values", JSON.valueToTree(p.values()));
        var history = root.putArray("history");
        for (LearnedParams.Change c : p.history()) {
            ObjectNode n = history.addObject();
            n.put("at", c.at().toString());
            n.put("kind", c.kind());
            n.set("before", JSON.valueToTree(c.before()));
            n.set("after", JSON.valueToTree(c.after()));
            n.set("evidence", JSON.valueToTree(c.evidence()));
        }
        for (Map.Entry<String, Object> e : p.unknown().entrySet()) {
            root.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        return root;
    }
}
