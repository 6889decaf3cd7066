package dev.poet.core.train.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.evidence.EvidenceCollector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration changes between runs of a method and their measured impact, over a scripted event log and
 * injected clocks: each "start" is a new {@link ConfigHistory} over the same home.
 */
class ConfigHistoryTest {

    static final String KEY = "com.acme.Pricing~quote~0123abcd";
    static final long DAY = 86_400_000L;
    static final long WINDOW = 7 * DAY;

    @TempDir
    Path home;

    private final MemoryEventLog log = new MemoryEventLog();
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private final TrainEvents events = (type, cause, payload) -> {
        Event e = factory.create(type, 0, null, cause, payload);
        try {
            log.append(List.of(e));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
        return e.id();
    };

    private ConfigHistory startedAt(long millis) {
        return new ConfigHistory(home, events, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static Map<String, String> settings(String timeout, String domain) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domain", domain);
        m.put("retries", "3");
        if (timeout != null) {
            m.put("timeout-ms", timeout);
        }
        return m;
    }

    private List<Event> of(String type) throws Exception {
        return log.query(EventQuery.all().withType(type));
    }

    @Test
    void theFirstRunOnlyWritesTheFileAndAnUnchangedRestartSaysNothing() throws Exception {
        assertThat(startedAt(0).activated(KEY, "Pricing.quote", settings("500", "base"))).isEmpty();
        assertThat(Files.isRegularFile(startedAt(0).file(KEY))).isTrue();
        assertThat(startedAt(DAY).activated(KEY, "Pricing.quote", settings("500", "base"))).isEmpty();

        assertThat(of(EventTypes.CONFIG_CHANGED)).isEmpty();
        assertThat(startedAt(DAY).pending()).isEmpty();
    }

    @Test
    void aChangedSettingIsOneEventPerKeyWithBeforeAndAfter() throws Exception {
        startedAt(0).activated(KEY, "Pricing.quote", settings("500", "base"));
        Map<String, String> next = settings(null, "api_operations");
        next.put("optimize-for", "latency");

        Map<String, String[]> changes = startedAt(DAY).activated(KEY, "Pricing.quote", next);

        assertThat(changes).containsOnlyKeys("domain", "optimize-for", "timeout-ms");
        List<Event> changed = of(EventTypes.CONFIG_CHANGED);
        assertThat(changed).hasSize(3).allSatisfy(e -> assertThat(e.payload()).containsEntry("method", KEY)
                .containsEntry("function_name", "Pricing.quote").containsEntry("actor", "configuration"));
        assertThat(changed).extracting(e -> e.payload().get("key") + ":" + e.payload().get("old_value") + "->"
                + e.payload().get("new_value"))
                .containsExactly("domain:base->api_operations", "optimize-for:null->latency", "timeout-ms:500->null");
        ConfigHistory.Pending pending = startedAt(DAY).pending().get(0);
        assertThat(pending.changedAt()).isEqualTo(DAY);
        assertThat(pending.keys()).containsExactly("domain", "optimize-for", "timeout-ms");
        assertThat(pending.cause()).isEqualTo(changed.get(0).id());
    }

    /** {@code n} calls of {@code ms} each, {@code failed} of them failing, from {@code start}. */
    private void calls(long start, int n, double ms, int failed) throws Exception {
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("duration_ms", ms);
            p.put("status", i < failed ? "failure" : "success");
            p.put("attempts", 1);
            log.append(List.of(factory.create(EventTypes.FUNCTION_EXECUTION, start + i * 1000L, "c" + start + "-" + i,
                    null, p)));
        }
    }

    @Test
    void theImpactIsMeasuredOnceTheWindowHasPassedEvenAcrossARestart() throws Exception {
        long change = 10 * DAY;
        startedAt(0).activated(KEY, "Pricing.quote", settings("500", "base"));
        calls(change - 2 * DAY, 100, 10, 1);   // before: fast, 1 % failing
        calls(change - 9 * DAY, 50, 900, 50);  // older than one window before: not counted
        startedAt(change).activated(KEY, "Pricing.quote", settings("50", "base"));
        calls(change + DAY, 100, 40, 20);      // after: slower, 20 % failing
        calls(change + WINDOW + DAY, 50, 900, 50); // beyond the window after: not counted

        EvidenceCollector collector = new EvidenceCollector(log, null);
        assertThat(new ImpactMeasurement(startedAt(change), collector, events, WINDOW).runOnce(change + WINDOW - 1))
                .as("the window after is not over").isEmpty();
        // A restart in between: the pending change is in the file, a new history and measurement find it.
        List<Map<String, Object>> measured = new ImpactMeasurement(startedAt(change + WINDOW), collector, events,
                WINDOW).runOnce(change + WINDOW);

        assertThat(measured).hasSize(1);
        Event impact = of(EventTypes.CONFIG_IMPACT_MEASURED).get(0);
        assertThat(impact.causationId()).isEqualTo(of(EventTypes.CONFIG_CHANGED).get(0).id());
        assertThat(impact.payload()).containsEntry("keys", List.of("timeout-ms")).containsEntry("kind", "calls")
                .containsEntry("window_ms", WINDOW).containsEntry("actor", "configuration");
        Map<String, Object> before = map(impact.payload().get("before"));
        Map<String, Object> after = map(impact.payload().get("after"));
        assertThat(before.get("calls")).isEqualTo(100L);
        assertThat(after.get("calls")).isEqualTo(100L);
        assertThat((Double) before.get("failure_rate")).isEqualTo(0.01);
        assertThat((Double) after.get("failure_rate")).isEqualTo(0.2);
        assertThat((Double) before.get("latency_p99_ms")).isBetween(9.9, 10.1);
        assertThat((Double) after.get("latency_p99_ms")).isBetween(39.9, 40.1);
        assertThat(new ImpactMeasurement(startedAt(change + 2 * WINDOW), collector, events, WINDOW)
                .runOnce(change + 2 * WINDOW)).as("measured once").isEmpty();
    }

    @Test
    void aDetectorIsMeasuredByFalsePositivesAndMissedDetections() throws Exception {
        long change = 10 * DAY;
        startedAt(0).activated(KEY, "Drift.check", settings(null, "ml_monitoring"));
        Map<String, String> next = settings(null, "ml_monitoring");
        next.put("significance", "0.01");
        startedAt(change).activated(KEY, "Drift.check", next);
        feedback(change - DAY, "false_positive", 6);
        feedback(change - DAY + 100_000, "true_positive", 4);
        feedback(change + DAY, "false_positive", 1);
        feedback(change + DAY + 100_000, "true_positive", 4);
        feedback(change + DAY + 200_000, "missed", 2);

        new ImpactMeasurement(startedAt(change + WINDOW), new EvidenceCollector(log, null), events, WINDOW)
                .runOnce(change + WINDOW);

        Event impact = of(EventTypes.CONFIG_IMPACT_MEASURED).get(0);
        assertThat(impact.payload()).containsEntry("kind", "detector").containsEntry("keys", List.of("significance"));
        Map<String, Object> before = map(impact.payload().get("before"));
        Map<String, Object> after = map(impact.payload().get("after"));
        assertThat((Double) before.get("false_positive_rate")).isEqualTo(0.6);
        assertThat((Double) after.get("false_positive_rate")).isEqualTo(0.2);
        assertThat(before.get("missed_detections")).isEqualTo(0L);
        assertThat(after.get("missed_detections")).isEqualTo(2L);
        assertThat(after).containsKey("detection_delay_ms");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private void feedback(long start, String label, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("label", label);
            log.append(List.of(factory.create(EventTypes.FUNCTION_FEEDBACK, start + i, label + start + "-" + i, null,
                    p)));
        }
    }
}
