package dev.poet.core.train.evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;
import dev.poet.runtime.domain.llmops.LlmOps;

/**
 * Reads one method's {@link Evidence} for a window from the event log ({@code function.execution},
 * {@code deadline.exceeded}, {@code llm.prompt_variant},
 * {@code function.feedback}) and, for detections, its recorded inputs (whether an
 * execution alerted is in its recorded result). Thread-safe; every call reads the log afresh.
 */
public final class EvidenceCollector {

    /** How many distinct feedback reasons the evidence names. */
    public static final int COMMON_REASONS = 5;
    /** Recorded results looked at per window for the alert share. */
    static final int RECORDED_LOOKBACK = 1_000;
    /**
     * How far before the window the variant of an execution is looked up: feedback in the window may be on an
     * execution of an earlier window.
     */
    static final long VARIANT_LOOKBACK_MS = 24 * 3_600_000L;
    private static final String DEADLINE_EXCEEDED = "deadline.exceeded";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLog log;
    private final RecordedInputs inputs;

    /** @param inputs recorded inputs, or {@code null} when recording is off (then no detection is known) */
    public EvidenceCollector(EventLog log, RecordedInputs inputs) {
        this.log = log;
        this.inputs = inputs;
    }

    /** The evidence of {@code methodKey} in {@code [sinceMillis, untilMillis)}. */
    public Evidence collect(String methodKey, long sinceMillis, long untilMillis) throws IOException {
        List<Event> executions = inWindow(log.query(EventQuery.all().withType(EventTypes.FUNCTION_EXECUTION)
                .withMethod(methodKey).since(sinceMillis)), methodKey, untilMillis);
        long successes = 0;
        long failures = 0;
        long fallbacks = 0;
        long retried = 0;
        long retriedSuccesses = 0;
        long measured = 0;
        long measuredSuccesses = 0;
        double cpuMs = 0;
        double bytes = 0;
        long cpuSamples = 0;
        long bytesSamples = 0;
        Map<Integer, Long> attempts = new HashMap<>();
        Map<Integer, Long> failureAttempts = new HashMap<>();
        Histogram all = Latency.histogram();
        Histogram single = Latency.histogram();
        for (Event e : executions) {
            Map<String, Object> p = e.payload();
            String status = String.valueOf(p.get("status"));
            int tries = Math.max(1, intOf(p.get("attempts"), 1));
            double duration = doubleOf(p.get("duration_ms"), 0);
            attempts.merge(tries, 1L, Long::sum);
            Latency.record(all, duration);
            boolean success = "success".equals(status);
            if (success) {
                successes++;
                if (tries == 1) {
                    Latency.record(single, duration);
                }
            } else if ("failure".equals(status)) {
                failures++;
                failureAttempts.merge(tries, 1L, Long::sum);
            } else if ("fallback".equals(status)) {
                fallbacks++;
            }
            if (tries > 1) {
                retried++;
                if (success) {
                    retriedSuccesses++;
                }
            }
            if (p.get("metrics") instanceof Map<?, ?> metrics) {
                measured++;
                if (success) {
                    measuredSuccesses++;
                }
                if (metrics.get("cpu_time_ms") instanceof Number n) {
                    cpuMs += n.doubleValue();
                    cpuSamples++;
                }
                if (metrics.get("allocated_bytes") instanceof Number n) {
                    bytes += n.doubleValue();
                    bytesSamples++;
                }
            }
        }
        // Figures per success: what the measured calls cost on average, times calls, over the successes.
        double cpuPerSuccess = cpuSamples == 0 || successes == 0 ? Double.NaN
                : cpuMs / cpuSamples * executions.size() / successes;
        double bytesPerSuccess = bytesSamples == 0 || successes == 0 ? Double.NaN
                : bytes / bytesSamples * executions.size() / successes;
        long deadlines = inWindow(log.query(EventQuery.all().withType(DEADLINE_EXCEEDED).withMethod(methodKey)
                .since(sinceMillis)), methodKey, untilMillis).size();
        List<Event> feedback = inWindow(log.feedbackForMethod(methodKey, sinceMillis), methodKey, untilMillis);
        Feedback labelled = labels(methodKey, feedback);
        return new Evidence(methodKey, sinceMillis, untilMillis, executions.size(), successes, failures, fallbacks,
                attempts, failureAttempts, retried, retriedSuccesses, Latency.of(all), Latency.of(single), deadlines,
                measured, cpuPerSuccess, bytesPerSuccess, labelled.detections(methodKey, sinceMillis, untilMillis),
                feedback.size(), labelled.labels, labelled.reasons(),
                variants(methodKey, sinceMillis, untilMillis, labelled.scores));
    }

    /**
     * Per prompt variant, the window's executions (from {@code llm.prompt_variant} decisions) and the scores of
     * the window's feedback on executions with that variant; empty when there is neither a variant nor a score.
     */
    private Map<Integer, VariantFeedback> variants(String methodKey, long sinceMillis, long untilMillis,
                                                   Map<String, Double> scores) throws IOException {
        Map<Integer, VariantFeedback> byVariant = new HashMap<>();
        Map<String, Integer> variantOf = new HashMap<>();
        for (Event e : inWindow(log.query(EventQuery.all().withType(LlmOps.PROMPT_VARIANT).withMethod(methodKey)
                .since(sinceMillis - VARIANT_LOOKBACK_MS)), methodKey, untilMillis)) {
            Map<String, Object> p = e.payload();
            if (!(p.get("variant") instanceof Number n)) {
                continue;
            }
            Object id = p.get("execution_id") != null ? p.get("execution_id") : e.correlationId();
            if (id != null) {
                variantOf.put(id.toString(), n.intValue());
            }
            if (e.timestamp() >= sinceMillis) {
                byVariant.merge(n.intValue(), new VariantFeedback(1, 0, 0), (a, b) -> a.plusExecution());
            }
        }
        for (Map.Entry<String, Double> s : scores.entrySet()) {
            int variant = variantOf.getOrDefault(s.getKey(), VariantFeedback.UNKNOWN_VARIANT);
            byVariant.merge(variant, new VariantFeedback(0, 1, s.getValue()),
                    (a, b) -> a.plusScore(s.getValue()));
        }
        return byVariant;
    }

    private static List<Event> inWindow(List<Event> events, String methodKey, long untilMillis) {
        List<Event> kept = new ArrayList<>(events.size());
        for (Event e : events) {
            // The query matches key prefixes; an overload's key may begin with this one.
            if (methodKey.equals(e.method()) && e.timestamp() < untilMillis) {
                kept.add(e);
            }
        }
        return kept;
    }

    private Feedback labels(String methodKey, List<Event> feedback) throws IOException {
        Feedback f = new Feedback();
        // The latest feedback on an execution is its label.
        Map<String, Map<String, Object>> byExecution = new LinkedHashMap<>();
        for (Event e : feedback) {
            Map<String, Object> p = e.payload();
            Object label = p.get("label");
            if (label != null) {
                f.labels.merge(label.toString().trim().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
            Object real = p.get("was_real_drift");
            if (real instanceof Boolean b) {
                f.labels.merge(b ? "real" : "not_real", 1L, Long::sum);
            }
            Object reason = p.get("reason");
            if (reason instanceof String s && !s.isBlank()) {
                f.reasons.merge(s.trim(), 1L, Long::sum);
            }
            if (e.correlationId() != null) {
                byExecution.merge(e.correlationId(), new LinkedHashMap<>(p), (old, now) -> {
                    old.putAll(now);
                    return old;
                });
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : byExecution.entrySet()) {
            Double score = VariantFeedback.score(e.getValue());
            if (score != null) {
                f.scores.put(e.getKey(), score);
            }
            Boolean alerted = alerted(methodKey, e.getKey());
            f.count(e.getValue(), alerted);
        }
        return f;
    }

    /** Whether the execution's recorded result carries a true detection; null when unknown. */
    private Boolean alerted(String methodKey, String executionId) throws IOException {
        if (inputs == null) {
            return null;
        }
        Optional<RecordedExecution> recorded = inputs.get(methodKey, executionId);
        return recorded.isPresent() ? detection(recorded.get().result()) : null;
    }

    /**
     * The boolean detection of a result: {@code drift_detected}, else the first boolean whose key ends in
     * {@code detected}; null when the result is no object or has none.
     */
    public static Boolean detection(String resultJson) {
        if (resultJson == null || resultJson.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(resultJson);
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode drift = node.get("drift_detected");
            if (drift != null && drift.isBoolean()) {
                return drift.booleanValue();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isBoolean() && field.getKey().toLowerCase(Locale.ROOT).endsWith("detected")) {
                    return field.getValue().booleanValue();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Counting labels and reasons of one window's feedback. */
    private final class Feedback {
        final Map<String, Long> labels = new HashMap<>();
        final Map<String, Long> reasons = new HashMap<>();
        /** Execution to the score of its latest feedback. */
        final Map<String, Double> scores = new HashMap<>();
        long tp;
        long fp;
        long fn;
        long tn;
        long acknowledged;
        long ignored;

        void count(Map<String, Object> p, Boolean alerted) {
            String label = p.get("label") == null ? "" : p.get("label").toString().trim().toLowerCase(Locale.ROOT);
            Object real = p.get("was_real_drift");
            switch (label) {
                case "true_positive" -> tp++;
                case "false_positive" -> fp++;
                case "missed", "false_negative" -> fn++;
                case "true_negative" -> tn++;
                default -> {
                    if (real instanceof Boolean r && alerted != null) {
                        if (alerted) {
                            if (r) {
                                tp++;
                            } else {
                                fp++;
                            }
                        } else if (r) {
                            fn++;
                        } else {
                            tn++;
                        }
                    }
                }
            }
            if (p.get("acknowledged") instanceof Boolean ack) {
                if (ack) {
                    acknowledged++;
                } else {
                    ignored++;
                }
            }
        }

        List<String> reasons() {
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(reasons.entrySet());
            sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                    : Long.compare(b.getValue(), a.getValue()));
            List<String> top = new ArrayList<>();
            for (int i = 0; i < Math.min(COMMON_REASONS, sorted.size()); i++) {
                top.add(sorted.get(i).getKey());
            }
            return top;
        }

        Detections detections(String methodKey, long since, long until) throws IOException {
            long withResult = 0;
            long alerted = 0;
            if (inputs != null) {
                for (RecordedExecution r : inputs.recent(methodKey, RECORDED_LOOKBACK)) {
                    if (r.timestamp() < since || r.timestamp() >= until) {
                        continue;
                    }
                    Boolean d = detection(r.result());
                    if (d != null) {
                        withResult++;
                        if (d) {
                            alerted++;
                        }
                    }
                }
            }
            return new Detections(withResult, alerted, tp, fp, fn, tn, acknowledged, ignored);
        }
    }

    private static int intOf(Object v, int otherwise) {
        return v instanceof Number n ? n.intValue() : otherwise;
    }

    private static double doubleOf(Object v, double otherwise) {
        return v instanceof Number n ? n.doubleValue() : otherwise;
    }
}
