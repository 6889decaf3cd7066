package dev.poet.core.train;

import java.util.Locale;
import java.util.Optional;

/**
 * What a method's {@code optimize-for} setting asks Train to improve. Each objective has one measure
 * ({@link ObjectiveMeasure}, lower is better) and, for {@link #LATENCY}, {@link #COST} and {@link #QUALITY}, a
 * learner of parameters; the detection objectives are measured from labelled feedback.
 */
public enum Objective {
    /** Caller-visible latency (p99) and failure rate. */
    LATENCY("latency", false),
    /** CPU time and allocation per successful call. */
    COST("cost", false),
    /** Share of labelled executions whose detection was right. */
    ACCURACY("accuracy", true),
    /** Share of alerts that were real. */
    PRECISION("precision", true),
    /** Share of real events that were alerted. */
    RECALL("recall", true),
    /** F1 of the alerts, penalised by alert volume. */
    ALERT_QUALITY("alert_quality", true),
    /** Mean feedback score of the results (llm_ops: which prompt variant is taken). */
    QUALITY("quality", false);

    private final String id;
    private final boolean detection;

    Objective(String id, boolean detection) {
        this.id = id;
        this.detection = detection;
    }

    /** As written in {@code optimize-for} and in events: {@code latency}, {@code alert_quality}, ... */
    public String id() {
        return id;
    }

    /** Whether it is measured from labelled detections (feedback) rather than from executions alone. */
    public boolean detection() {
        return detection;
    }

    /**
     * The objective named by an {@code optimize-for} value: case-insensitive, {@code -} and {@code _} alike
     * ({@code alert-quality} is {@link #ALERT_QUALITY}); empty for null, blank or unknown.
     */
    public static Optional<Objective> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String normalised = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Objective o : values()) {
            if (o.id.equals(normalised)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The accepted values, for messages. */
    public static String accepted() {
        StringBuilder b = new StringBuilder();
        for (Objective o : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(o.id);
        }
        return b.toString();
    }
}
