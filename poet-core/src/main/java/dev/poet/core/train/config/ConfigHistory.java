package dev.poet.core.train.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.poet.core.events.EventTypes;
import dev.poet.core.store.AtomicFiles;
import dev.poet.core.store.CorruptStoreFileException;
import dev.poet.core.store.MethodKey;
import dev.poet.core.train.TrainEvents;

/**
 * The settings each method last ran with, at {@code <home>/methods/<method-key>/last-config.json}, and the
 * configuration changes whose impact is still to be measured:
 * <pre>
 * {"format":1, "function_name":"Pricing.quote", "activated_at":1700000000000,
 *  "settings":{"domain":"base", "optimize-for":"latency", "timeout-ms":"500"},
 *  "pending":[{"changed_at":1700000000000, "keys":["timeout-ms"], "cause":"01J..."}]}
 * </pre>
 * When a method is activated its settings (the keys set by annotation or configuration, and its domain) are
 * compared with the file's: each key that differs is a {@code config.changed} event (actor {@code configuration}),
 * and the change is kept pending until {@link ImpactMeasurement} has compared the windows before and after it. The
 * first activation of a method only writes the file. Written atomically; the one owner of these files, its methods
 * serialised.
 */
public final class ConfigHistory {

    public static final String FILE = "last-config.json";
    public static final String ACTOR = "configuration";
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path methodsDir;
    private final TrainEvents events;
    private final Clock clock;

    /**
     * A configuration change waiting for its impact to be measured.
     *
     * @param methodKey    the method
     * @param functionName {@code class.method}
     * @param changedAt    when the method was activated with the changed settings
     * @param keys         the keys that changed
     * @param settings     the settings it runs with since
     * @param cause        id of the first {@code config.changed} event of the change, or null
     */
    public record Pending(String methodKey, String functionName, long changedAt, List<String> keys,
                          Map<String, String> settings, String cause) {
        public Pending {
            keys = List.copyOf(keys);
            settings = Map.copyOf(settings);
        }
    }

    public ConfigHistory(Path home, TrainEvents events, Clock clock) {
        this.methodsDir = home.toAbsolutePath().normalize().resolve("methods");
        this.events = events == null ? TrainEvents.NONE : events;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file(String methodKey) {
        return methodsDir.resolve(MethodKey.parse(methodKey).value()).resolve(FILE);
    }

    /**
     * {@code methodKey} was activated with {@code settings}: the keys that differ from what it last ran with, each
     * announced by a {@code config.changed} event; empty on its first activation and when nothing changed.
     */
    public synchronized Map<String, String[]> activated(String methodKey, String functionName,
                                                        Map<String, String> settings) throws IOException {
        long now = clock.millis();
        Map<String, Object> file = read(methodKey);
        Map<String, String> current = new TreeMap<>(settings);
        Map<String, String[]> changes = new LinkedHashMap<>();
        List<Object> pending = new ArrayList<>(file == null ? List.of() : list(file.get("pending")));
        if (file != null) {
            Map<String, String> last = strings(file.get("settings"));
            TreeSet<String> keys = new TreeSet<>(last.keySet());
            keys.addAll(current.keySet());
            for (String k : keys) {
                if (!Objects.equals(last.get(k), current.get(k))) {
                    changes.put(k, new String[]{last.get(k), current.get(k)});
                }
            }
            String cause = null;
            for (Map.Entry<String, String[]> c : changes.entrySet()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("method", methodKey);
                p.put("function_name", functionName);
                p.put("key", c.getKey());
                p.put("old_value", c.getValue()[0]);
                p.put("new_value", c.getValue()[1]);
                p.put("actor", ACTOR);
                String id = events.emit(EventTypes.CONFIG_CHANGED, null, p);
                cause = cause == null ? id : cause;
            }
            if (!changes.isEmpty()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("changed_at", now);
                entry.put("keys", new ArrayList<>(changes.keySet()));
                entry.put("cause", cause);
                pending.add(entry);
            }
        }
        if (file != null && changes.isEmpty()) {
            return changes;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("function_name", functionName);
        out.put("activated_at", now);
        out.put("settings", current);
        out.put("pending", pending);
        write(methodKey, out);
        return changes;
    }

    /** Every pending change of every method, oldest first per method. */
    public synchronized List<Pending> pending() throws IOException {
        List<Pending> all = new ArrayList<>();
        if (!Files.isDirectory(methodsDir)) {
            return all;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(methodsDir)) {
            for (Path dir : dirs) {
                if (!Files.isRegularFile(dir.resolve(FILE))) {
                    continue;
                }
                String key = dir.getFileName().toString();
                Map<String, Object> file = read(key);
                if (file == null) {
                    continue;
                }
                Map<String, String> settings = strings(file.get("settings"));
                for (Object o : list(file.get("pending"))) {
                    if (!(o instanceof Map<?, ?> e) || !(e.get("changed_at") instanceof Number at)) {
                        throw new CorruptStoreFileException(file(key) + ": a pending entry needs 'changed_at'");
                    }
                    List<String> keys = new ArrayList<>();
                    list(e.get("keys")).forEach(k -> keys.add(String.valueOf(k)));
                    all.add(new Pending(key, String.valueOf(file.get("function_name")), at.longValue(), keys,
                            settings, e.get("cause") == null ? null : e.get("cause").toString()));
                }
            }
        }
        return all;
    }

    /** The pending change of {@code methodKey} made at {@code changedAt} was measured: it is no longer pending. */
    public synchronized void measured(String methodKey, long changedAt) throws IOException {
        Map<String, Object> file = read(methodKey);
        if (file == null) {
            return;
        }
        List<Object> pending = new ArrayList<>(list(file.get("pending")));
        pending.removeIf(o -> o instanceof Map<?, ?> e && e.get("changed_at") instanceof Number n
                && n.longValue() == changedAt);
        file.put("pending", pending);
        write(methodKey, file);
    }

    private Map<String, Object> read(String methodKey) throws IOException {
        Path file = file(methodKey);
        Optional<byte[]> read = AtomicFiles.read(file);
        if (read.isEmpty()) {
            return null;
        }
        byte[] data = read.get();
        try {
            Map<String, Object> m = JSON.readValue(data, MAP);
            if (m == null || !(m.get("settings") instanceof Map<?, ?>)) {
                throw new CorruptStoreFileException(file + ": 'settings' must be an object");
            }
            return new LinkedHashMap<>(m);
        } catch (CorruptStoreFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptStoreFileException(file + ": not a JSON object: " + e.getMessage(), e);
        }
    }

    private void write(String methodKey, Map<String, Object> content) throws IOException {
        Path file = file(methodKey);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(content));
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return out;
    }
}
