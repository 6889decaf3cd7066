package dev.poet.core.operate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code changes/<millis>-<pid>-<seq>.json}: one file per operator change,
 * {@code {id, at, actor, kind, method, summary, detail{}}}, the id being the file's name without {@code .json}.
 * Names order by time, then writer; two writers never pick the same name (the pid tells processes apart, the
 * sequence calls within one). The newest {@value #KEPT} are kept.
 */
final class ChangeJournal {

    /** Entries kept; older ones are deleted by the writer of a new one. */
    static final int KEPT = 1000;

    private static final Pattern NAME = Pattern.compile("([0-9]{1,19})-([0-9]{1,19})-([0-9]{1,19})\\.json");
    private static final AtomicLong SEQ = new AtomicLong();

    /** One journal entry. */
    record Change(String id, Instant at, String actor, String kind, String method, String summary,
                  Map<String, Object> detail) {
    }

    private final Path dir;
    private final int kept;

    ChangeJournal(Path dir) {
        this(dir, KEPT);
    }

    /** @param kept entries kept, at least 1 */
    ChangeJournal(Path dir, int kept) {
        this.dir = dir;
        this.kept = Math.max(1, kept);
    }

    /** Writes a new entry and prunes the oldest beyond the number kept. */
    Change append(Instant at, String actor, String kind, String method, String summary, Map<String, Object> detail)
            throws IOException {
        Files.createDirectories(dir);
        String id = at.toEpochMilli() + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("at", at.toString());
        out.put("actor", actor);
        out.put("kind", kind);
        out.put("method", method);
        out.put("summary", summary);
        out.put("detail", detail == null ? Map.of() : detail);
        OperateFiles.writeObject(dir.resolve(id + ".json"), out);
        prune();
        return new Change(id, at, actor, kind, method, summary, detail == null ? Map.of() : Map.copyOf(detail));
    }

    /** The ids of every entry, oldest first. */
    List<String> ids() throws IOException {
        List<long[]> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    try {
                        keys.add(new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                                Long.parseLong(m.group(3))});
                    } catch (NumberFormatException e) {
                        // Not a name this journal wrote.
                    }
                }
            }
        }
        keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1])
                .thenComparingLong(k -> k[2]));
        List<String> ids = new ArrayList<>();
        for (long[] k : keys) {
            ids.add(k[0] + "-" + k[1] + "-" + k[2]);
        }
        return ids;
    }

    /** The time part of an id, in epoch milliseconds. */
    static long millisOf(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** One entry; empty when it is gone (pruned) or unreadable. */
    Optional<Change> read(String id) {
        try {
            Optional<Map<String, Object>> m = OperateFiles.readObject(dir.resolve(id + ".json"));
            if (m.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> v = m.get();
            Instant at;
            try {
                at = Instant.parse(String.valueOf(v.get("at")));
            } catch (RuntimeException e) {
                at = Instant.ofEpochMilli(millisOf(id));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = v.get("detail") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            return Optional.of(new Change(id, at, str(v.get("actor")), str(v.get("kind")), str(v.get("method")),
                    str(v.get("summary")), detail));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private void prune() throws IOException {
        List<String> ids = ids();
        for (int i = 0; i < ids.size() - kept; i++) {
            try {
                Files.deleteIfExists(dir.resolve(ids.get(i) + ".json"));
            } catch (NoSuchFileException e) {
                // Another writer pruned it first.
            }
        }
    }
}
