package dev.poet.core.train.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.poet.core.store.AtomicFiles;
import dev.poet.core.store.CorruptStoreFileException;
import dev.poet.core.train.learned.LearnedParamsStore;

/**
 * What the orchestrator remembers of one method between runs, at
 * {@code <home>/methods/<method-key>/train-state.json} next to {@code learned.json}, so that a restart neither
 * forgets a change under watch (it is still judged, and undone when it made things worse) nor the rolling
 * measures and the last regeneration request:
 * <pre>
 * {"format":1, "last_run":7200000, "last_request":null, "measures":[412.0, 398.5],
 *  "watch":{"changed_at":3600000, "measure_before":30.2, "previous":{}, "applied":{"timeout-ms":30},
 *           "change_event":"01J..."}}
 * </pre>
 * Written atomically (temp file, fsync, rename) by the orchestrator alone, after each run that looked at the
 * method. A file that is not what this class writes is {@link CorruptStoreFileException}.
 */
public final class TrainState {

    public static final String FILE = "train-state.json";
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LearnedParamsStore learned;

    /** The state files beside the learned values of {@code learned}. */
    public TrainState(LearnedParamsStore learned) {
        this.learned = learned;
    }

    /**
     * One method's remembered state.
     *
     * @param lastRun     end of the last window looked at (epoch millis; 0 before the first)
     * @param watch       the change under watch, or null
     * @param lastRequest when the last regeneration was requested, {@link Long#MIN_VALUE} when never
     * @param measures    the recent measures of the objective, oldest first
     */
    public record Method(long lastRun, Watch watch, long lastRequest, List<Double> measures) {
        public Method {
            measures = List.copyOf(measures);
        }
    }

    /**
     * A change of learned values under watch.
     *
     * @param changedAt     when it was applied
     * @param measureBefore the objective's measure of the window before it
     * @param previous      the learned values it replaced (restored on undo)
     * @param applied       the learned values it applied
     * @param changeEvent   id of its {@code train.params_changed} event, or null
     */
    public record Watch(long changedAt, double measureBefore, Map<String, Object> previous,
                        Map<String, Object> applied, String changeEvent) {
        public Watch {
            previous = Map.copyOf(previous);
            applied = Map.copyOf(applied);
        }
    }

    public Path file(String methodKey) {
        return learned.file(methodKey).resolveSibling(FILE);
    }

    /** The remembered state of {@code methodKey}; empty when none was written. */
    public Optional<Method> load(String methodKey) throws IOException {
        Path file = file(methodKey);
        Optional<byte[]> read = AtomicFiles.read(file);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        byte[] data = read.get();
        return Optional.of(parse(file.toString(), data));
    }

    public void save(String methodKey, Method state) throws IOException {
        Path file = file(methodKey);
        Files.createDirectories(file.getParent());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("last_run", state.lastRun());
        if (state.lastRequest() == Long.MIN_VALUE) {
            root.putNull("last_request");
        } else {
            root.put("last_request", state.lastRequest());
        }
        var measures = root.putArray("measures");
        state.measures().forEach(measures::add);
        Watch w = state.watch();
        if (w == null) {
            root.putNull("watch");
        } else {
            ObjectNode n = root.putObject("watch");
            n.put("changed_at", w.changedAt());
            n.put("measure_before", w.measureBefore());
            n.set("previous", JSON.valueToTree(w.previous()));
            n.set("applied", JSON.valueToTree(w.applied()));
            n.put("change_event", w.changeEvent());
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    static Method parse(String name, byte[] data) throws CorruptStoreFileException {
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
        if (format == null || !format.isIntegralNumber() || format.intValue() < 1) {
            throw new CorruptStoreFileException(name + ": 'format' must be a positive integer");
        }
        long lastRun = integral(name, root, "last_run", 0L);
        long lastRequest = integral(name, root, "last_request", Long.MIN_VALUE);
        List<Double> measures = new ArrayList<>();
        JsonNode m = root.get("measures");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                throw new CorruptStoreFileException(name + ": 'measures' must be an array");
            }
            for (JsonNode v : m) {
                if (!v.isNumber()) {
                    throw new CorruptStoreFileException(name + ": 'measures' holds a value that is no number");
                }
                measures.add(v.doubleValue());
            }
        }
        Watch watch = null;
        JsonNode w = root.get("watch");
        if (w != null && !w.isNull()) {
            if (!w.isObject() || !w.path("measure_before").isNumber()) {
                throw new CorruptStoreFileException(name + ": 'watch' must be an object with 'measure_before'");
            }
            JsonNode event = w.get("change_event");
            watch = new Watch(integral(name, w, "changed_at", 0L), w.get("measure_before").doubleValue(),
                    numbers(name, "watch.previous", w.get("previous")),
                    numbers(name, "watch.applied", w.get("applied")),
                    event == null || event.isNull() ? null : event.asText());
        }
        return new Method(lastRun, watch, lastRequest, measures);
    }

    private static long integral(String name, JsonNode node, String field, long absent)
            throws CorruptStoreFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber()) {
            throw new CorruptStoreFileException(name + ": '" + field + "' must be an integer");
        }
        return v.longValue();
    }

    private static Map<String, Object> numbers(String name, String field, JsonNode node)
            throws CorruptStoreFileException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new CorruptStoreFileException(name + ": '" + field + "' must be an object");
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getValue().isNumber()) {
                throw new CorruptStoreFileException(name + ": '" + field + "." + f.getKey() + "' is not a number");
            }
            out.put(f.getKey(), f.getValue().isIntegralNumber() ? (Object) f.getValue().longValue()
                    : (Object) f.getValue().doubleValue());
        }
        return out;
    }
}
