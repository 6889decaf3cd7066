package dev.poet.core.train.regen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;

/**
 * The executions a candidate is replayed on: a method's recorded executions joined with their feedback (the
 * latest feedback on an execution is its label), newest first. Without recorded inputs there is nothing to replay.
 */
public final class ReplaySamples {

    private final EventLog log;
    private final RecordedInputs inputs;

    /** @param inputs recorded inputs, or null when recording is off */
    public ReplaySamples(EventLog log, RecordedInputs inputs) {
        this.log = log;
        this.inputs = inputs;
    }

    /**
     * Up to {@code max} labelled recorded executions of {@code methodKey}, the most recently labelled first; for a
     * method whose feedback labels no detection, the most recent recorded executions unlabelled instead.
     */
    public List<LabelledExecution> labelled(String methodKey, int max) throws IOException {
        List<LabelledExecution> out = new ArrayList<>();
        if (inputs == null || max <= 0) {
            return out;
        }
        Map<String, Map<String, Object>> byExecution = new LinkedHashMap<>();
        for (Event e : log.feedbackForMethod(methodKey, 0L)) {
            if (e.correlationId() != null && methodKey.equals(e.method())) {
                byExecution.merge(e.correlationId(), new LinkedHashMap<>(e.payload()), (old, now) -> {
                    old.putAll(now);
                    return old;
                });
            }
        }
        List<String> ids = new ArrayList<>(byExecution.keySet());
        for (int i = ids.size() - 1; i >= 0 && out.size() < max; i--) {
            Optional<RecordedExecution> recorded = inputs.get(methodKey, ids.get(i));
            if (recorded.isEmpty()) {
                continue;
            }
            Boolean real = real(byExecution.get(ids.get(i)));
            if (real != null) {
                out.add(new LabelledExecution(recorded.get(), real));
            }
        }
        if (out.isEmpty()) {
            List<RecordedExecution> recent = inputs.recent(methodKey, max);
            for (int i = recent.size() - 1; i >= 0; i--) {
                out.add(new LabelledExecution(recent.get(i), null));
            }
        }
        return out;
    }

    /**
     * The ground truth a feedback payload gives: {@code was_real_drift}, else its {@code label}
     * ({@code true_positive} and {@code missed} were real, {@code false_positive} and {@code true_negative} not);
     * null when neither tells.
     */
    static Boolean real(Map<String, Object> feedback) {
        if (feedback.get("was_real_drift") instanceof Boolean b) {
            return b;
        }
        Object label = feedback.get("label");
        if (label == null) {
            return null;
        }
        return switch (label.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true_positive", "missed", "false_negative" -> true;
            case "false_positive", "true_negative" -> false;
            default -> null;
        };
    }
}
