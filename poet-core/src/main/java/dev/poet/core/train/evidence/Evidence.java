package dev.poet.core.train.evidence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one method's executions and feedback showed over a window {@code [sinceMillis, untilMillis)}: the facts a
 * learner moves parameters by and an objective is measured on. Immutable; {@link #toMap()} is the form events carry.
 *
 * @param calls              {@code function.execution} events in the window
 * @param failures           of those, status {@code failure} (the caller saw an exception)
 * @param fallbacks          status {@code fallback} (the enhancement stepped aside; the original ran)
 * @param attempts           calls by number of attempts
 * @param failureAttempts    failed calls by number of attempts
 * @param retriedCalls       calls with more than one attempt
 * @param retriedSuccesses   of those, the ones that succeeded in the end
 * @param latency            caller-visible durations of every call
 * @param singleTry          durations of calls that succeeded on their first attempt: one try of the downstream
 * @param deadlineExceeded   tries cut by the enforced deadline ({@code deadline.exceeded} decisions)
 * @param measuredCalls      calls that carry CPU and allocation figures
 * @param cpuMsPerSuccess    CPU milliseconds per successful call, extrapolated from the measured calls; NaN
 *                           without any
 * @param bytesPerSuccess    bytes allocated per successful call, extrapolated likewise; NaN without any
 * @param labels             feedback by {@code label} ({@code was_real_drift} counted as {@code real}/{@code not_real})
 * @param commonReasons      the most frequent feedback {@code reason}s, most frequent first
 * @param variants           by prompt variant (llm_ops; {@link VariantFeedback#UNKNOWN_VARIANT} for executions
 *                           without a known variant), the window's executions and their feedback scores
 */
public record Evidence(String methodKey, long sinceMillis, long untilMillis, long calls, long successes,
                       long failures, long fallbacks, Map<Integer, Long> attempts, Map<Integer, Long> failureAttempts,
                       long retriedCalls, long retriedSuccesses, Latency latency, Latency singleTry,
                       long deadlineExceeded, long measuredCalls, double cpuMsPerSuccess, double bytesPerSuccess,
                       Detections detections, long feedback, Map<String, Long> labels, List<String> commonReasons,
                       Map<Integer, VariantFeedback> variants) {

    public Evidence {
        attempts = Collections.unmodifiableMap(new TreeMap<>(attempts));
        failureAttempts = Collections.unmodifiableMap(new TreeMap<>(failureAttempts));
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        commonReasons = List.copyOf(commonReasons);
        variants = Collections.unmodifiableMap(new TreeMap<>(variants));
    }

    /** The mean feedback score of every scored execution, variant known or not; NaN without any. */
    public double meanScore() {
        long scored = 0;
        double sum = 0;
        for (VariantFeedback v : variants.values()) {
            scored += v.scored();
            sum += v.scoreSum();
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }

    /** Failed calls among all; NaN without calls. */
    public double failureRate() {
        return Detections.ratio(failures, calls);
    }

    /** Retried calls that succeeded in the end; NaN when none was retried. */
    public double successAfterRetryRate() {
        return Detections.ratio(retriedSuccesses, retriedCalls);
    }

    /** Every attempt made in the window. */
    public long totalAttempts() {
        long total = 0;
        for (Map.Entry<Integer, Long> e : attempts.entrySet()) {
            total += (long) e.getKey() * e.getValue();
        }
        return total;
    }

    /** Failed calls that made at least {@code n} attempts. */
    public long failuresWithAtLeast(int n) {
        long count = 0;
        for (Map.Entry<Integer, Long> e : failureAttempts.entrySet()) {
            if (e.getKey() >= n) {
                count += e.getValue();
            }
        }
        return count;
    }

    /** Tries cut by the deadline among all attempts; NaN without attempts. */
    public double deadlineExceededRate() {
        return Detections.ratio(deadlineExceeded, totalAttempts());
    }

    /** The JSON-able form events carry ({@code evidence} of {@code train.*} events). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", sinceMillis);
        m.put("until", untilMillis);
        m.put("calls", calls);
        m.put("successes", successes);
        m.put("failures", failures);
        m.put("fallbacks", fallbacks);
        m.put("failure_rate", finite(failureRate()));
        Map<String, Object> a = new LinkedHashMap<>();
        attempts.forEach((k, v) -> a.put(String.valueOf(k), v));
        m.put("attempts", a);
        m.put("retried_calls", retriedCalls);
        m.put("success_after_retry_rate", finite(successAfterRetryRate()));
        m.put("deadline_exceeded", deadlineExceeded);
        m.put("latency", latency.toMap());
        m.put("single_try_latency", singleTry.toMap());
        m.put("measured_calls", measuredCalls);
        m.put("cpu_ms_per_success", finite(cpuMsPerSuccess));
        m.put("allocated_bytes_per_success", finite(bytesPerSuccess));
        m.put("detections", detections.toMap());
        m.put("feedback", feedback);
        m.put("labels", new LinkedHashMap<>(labels));
        m.put("common_reasons", commonReasons);
        if (!variants.isEmpty()) {
            Map<String, Object> v = new LinkedHashMap<>();
            variants.forEach((k, f) -> v.put(String.valueOf(k), f.toMap()));
            m.put("prompt_variants", v);
            m.put("mean_score", finite(meanScore()));
        }
        return m;
    }

    /** JSON has no NaN: an unknown rate is null. */
    static Object finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
