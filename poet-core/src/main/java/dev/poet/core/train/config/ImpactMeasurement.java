package dev.poet.core.train.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;
import dev.poet.core.train.Objective;
import dev.poet.core.train.ObjectiveMeasure;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.EvidenceCollector;

/**
 * Measures the impact of configuration changes: once a change recorded by {@link ConfigHistory} is
 * {@code poet.train.impact-window-ms} old, the window of that length after it is compared with the window of the
 * same length before it, in a {@code config.impact_measured} event, and the change is no longer pending. A method
 * whose executions tell whether they alerted (domain {@code ml_monitoring}, or labelled detections in either window)
 * is measured as a detector: {@code false_positive_rate}, {@code missed_detections}, {@code missed_rate} and
 * {@code detection_delay_ms} (null: the feedback does not say when a real event began); any other by
 * {@code latency_p99_ms} and {@code failure_rate}. Both carry {@code calls}, and {@code objective_measure} when the
 * method has {@code optimize-for}. Runs on Train's schedule; never throws.
 */
public final class ImpactMeasurement {

    private final ConfigHistory history;
    private final EvidenceCollector collector;
    private final TrainEvents events;
    private final long windowMs;

    public ImpactMeasurement(ConfigHistory history, EvidenceCollector collector, TrainEvents events, long windowMs) {
        if (windowMs < 1) {
            throw new IllegalArgumentException("impact window must be at least 1 ms: " + windowMs);
        }
        this.history = history;
        this.collector = collector;
        this.events = events == null ? TrainEvents.NONE : events;
        this.windowMs = windowMs;
    }

    /** Measures every pending change whose window after has passed at {@code nowMillis}; the payloads emitted. */
    public List<Map<String, Object>> runOnce(long nowMillis) {
        List<Map<String, Object>> measured = new ArrayList<>();
        List<ConfigHistory.Pending> pending;
        try {
            pending = history.pending();
        } catch (Exception e) {
            PoetLog.suppressed("train: pending configuration changes could not be read", e);
            return measured;
        }
        for (ConfigHistory.Pending p : pending) {
            if (nowMillis - p.changedAt() < windowMs) {
                continue;
            }
            try {
                Map<String, Object> payload = measure(p);
                events.emit(EventTypes.CONFIG_IMPACT_MEASURED, p.cause(), payload);
                history.measured(p.methodKey(), p.changedAt());
                measured.add(payload);
            } catch (Exception e) {
                PoetLog.suppressed("train: the impact of the configuration change of " + p.functionName()
                        + " could not be measured; retried next run", e);
            }
        }
        return measured;
    }

    private Map<String, Object> measure(ConfigHistory.Pending p) throws java.io.IOException {
        Evidence before = collector.collect(p.methodKey(), p.changedAt() - windowMs, p.changedAt());
        Evidence after = collector.collect(p.methodKey(), p.changedAt(), p.changedAt() + windowMs);
        boolean detector = "ml_monitoring".equals(p.settings().get("domain"))
                || before.detections().labelled() > 0 || after.detections().labelled() > 0;
        Optional<Objective> objective = Objective.parse(p.settings().get("optimize-for"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", p.methodKey());
        payload.put("function_name", p.functionName());
        payload.put("keys", p.keys());
        payload.put("changed_at", p.changedAt());
        payload.put("window_ms", windowMs);
        payload.put("kind", detector ? "detector" : "calls");
        payload.put("objective", objective.map(Objective::id).orElse(null));
        payload.put("before", measures(before, detector, objective));
        payload.put("after", measures(after, detector, objective));
        payload.put("actor", ConfigHistory.ACTOR);
        return payload;
    }

    static Map<String, Object> measures(Evidence e, boolean detector, Optional<Objective> objective) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", e.calls());
        if (detector) {
            Detections d = e.detections();
            m.put("labelled", d.labelled());
            m.put("false_positive_rate", finite(d.falsePositiveRate()));
            m.put("missed_detections", d.missed());
            m.put("missed_rate", finite(d.missedRate()));
            m.put("detection_delay_ms", null);
        } else {
            m.put("latency_p99_ms", e.calls() == 0 ? null : finite(e.latency().p99()));
            m.put("failure_rate", finite(e.failureRate()));
        }
        if (objective.isPresent()) {
            OptionalDouble v = ObjectiveMeasure.of(objective.get(), e);
            m.put("objective_measure", v.isPresent() ? v.getAsDouble() : null);
        }
        return m;
    }

    private static Object finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
