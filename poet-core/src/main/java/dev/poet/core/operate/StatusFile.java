package dev.poet.core.operate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code status.json}: what a running application last said about its methods. Written by that application every
 * {@code poet.operate.poll-ms}; read by the command line, which shows how old it is.
 *
 * <pre>
 * {"pid": 4711, "at": "2026-01-01T10:00:00Z", "http_address": "127.0.0.1:8080",
 *  "methods": {"&lt;key&gt;": {"display_name": ..., "domain": ..., "state": "active", "active_version": "v2",
 *              "generator": "template", "calls": 10, "failures": 1, "retries": 2, "violations": 0, "repairs": 0,
 *              "fallbacks": 0, "p50_millis": 1.5, "p99_millis": 9.0, "last_error": null}}}
 * </pre>
 */
public final class StatusFile {

    /** One method's line. */
    public record Entry(String displayName, String domain, String state, String activeVersion, String generator,
                 MethodView.Live live) {
    }

    /** The whole file. */
    public record Snapshot(long pid, Instant at, String httpAddress, Map<String, Entry> methods) {

        /** Whether the process that wrote it still runs (on this machine). */
        public boolean writerAlive() {
            if (pid == ProcessHandle.current().pid()) {
                return true;
            }
            try {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private StatusFile() {
    }

    /** The snapshot in {@code file}; empty when there is none. */
    public static Optional<Snapshot> read(Path file) throws IOException {
        Optional<Map<String, Object>> read = OperateFiles.readObject(file);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = read.get();
        Instant at = instant(m.get("at"));
        Map<String, Entry> methods = new TreeMap<>();
        if (m.get("methods") instanceof Map<?, ?> ms) {
            for (Map.Entry<?, ?> e : ms.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> v) {
                    methods.put(e.getKey().toString(), entry(v, at));
                }
            }
        }
        return Optional.of(new Snapshot(number(m.get("pid")).longValue(), at, text(m.get("http_address")), methods));
    }

    static void write(Path file, Snapshot s) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", s.pid());
        out.put("at", s.at().toString());
        if (s.httpAddress() != null) {
            out.put("http_address", s.httpAddress());
        }
        Map<String, Object> methods = new TreeMap<>();
        for (Map.Entry<String, Entry> e : s.methods().entrySet()) {
            Entry en = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("display_name", en.displayName());
            m.put("domain", en.domain());
            m.put("state", en.state());
            m.put("active_version", en.activeVersion());
            m.put("generator", en.generator());
            MethodView.Live l = en.live();
            if (l != null) {
                m.put("calls", l.calls());
                m.put("failures", l.failures());
                m.put("retries", l.retries());
                m.put("violations", l.violations());
                m.put("repairs", l.repairs());
                m.put("fallbacks", l.fallbacks());
                m.put("p50_millis", l.p50Millis());
                m.put("p99_millis", l.p99Millis());
                m.put("last_error", l.lastError());
            }
            methods.put(e.getKey(), m);
        }
        out.put("methods", methods);
        OperateFiles.replaceObject(file, out);
    }

    private static Entry entry(Map<?, ?> v, Instant at) {
        MethodView.Live live = v.containsKey("calls") ? new MethodView.Live(number(v.get("calls")).longValue(),
                number(v.get("failures")).longValue(), number(v.get("retries")).longValue(),
                number(v.get("violations")).longValue(), number(v.get("repairs")).longValue(),
                number(v.get("fallbacks")).longValue(), number(v.get("p50_millis")).doubleValue(),
                number(v.get("p99_millis")).doubleValue(), text(v.get("last_error")), at) : null;
        return new Entry(text(v.get("display_name")), text(v.get("domain")), text(v.get("state")),
                text(v.get("active_version")), text(v.get("generator")), live);
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : 0;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static Instant instant(Object o) {
        try {
            return o == null ? null : Instant.parse(o.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
