package dev.poet.core.train.regen;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.bridge.Call;
import dev.poet.bridge.MethodContext;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.train.Objective;
import dev.poet.core.train.ObjectiveMeasure;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.evidence.Latency;
import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.budget.LoopBudget;

/**
 * Replays recorded executions through two versions of a method's enhancement and says whether the candidate is
 * better on the objective. Per execution: the recorded arguments (decoded to the parameter types) go through
 * Perceive, and the recorded result through Enforce, where the domain's decision is taken; the original body is
 * never run again: what it did is what was recorded (a recorded failure is that outcome for both versions, and is
 * not scored). Operate′ is not replayed: retries, deadlines and backoff are judged by the live watch after a
 * promotion, not here.
 *
 * <p>Scores (lower is better, as every {@link ObjectiveMeasure}):
 * <ul>
 *   <li>detection objectives: the objective's measure of the replayed decisions (the result's boolean
 *       {@code drift_detected}, or another {@code *detected}, after Enforce) against the labels;</li>
 *   <li>{@code latency} and {@code cost}: replay cannot see either, so it judges what it can: the share of
 *       executions whose Perceive or Enforce failed (an error of the enhancement, not a deliberate rejection);
 *       a candidate that is no worse is accepted and the live watch decides.</li>
 * </ul>
 * A candidate is promoted only when at least {@code minReplay} executions were replayed through both and, for
 * detection objectives, its score is strictly lower. Phases run on the calling thread, each with a fresh loop
 * budget. Stateless; thread-safe.
 */
public final class ReplayEvaluator {

    static final String DETECTION = "detection";
    static final String ERRORS = "perceive_enforce_errors";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One execution replayed through one version. */
    private record Replayed(Boolean alerted, boolean error) {
    }

    /** Replays {@code samples} through {@code current} and {@code candidate} and judges them on {@code objective}. */
    public ReplayVerdict evaluate(Objective objective, List<LabelledExecution> samples, ReplayTarget current,
                                  ReplayTarget candidate, int minReplay) {
        boolean detection = objective.detection();
        long[] cur = new long[5];
        long[] cand = new long[5];
        int replayed = 0;
        int skipped = 0;
        for (LabelledExecution s : samples) {
            if (detection && s.real() == null) {
                skipped++;
                continue;
            }
            Object[] args;
            Object result;
            try {
                args = arguments(s.execution(), current.context());
                result = result(s.execution(), current.context());
            } catch (Unreplayable e) {
                skipped++;
                continue;
            }
            if (!"success".equals(s.execution().status())) {
                // The original failed (or the enhancement stepped aside): the same outcome for both, nothing decided.
                skipped++;
                continue;
            }
            Replayed a = replay(current, args, result);
            Replayed b = replay(candidate, args, result);
            count(cur, a, s.real());
            count(cand, b, s.real());
            replayed++;
        }
        String judged = detection ? DETECTION : ERRORS;
        double currentScore = detection ? measure(objective, cur) : errorShare(cur, replayed);
        double candidateScore = detection ? measure(objective, cand) : errorShare(cand, replayed);
        if (replayed < minReplay) {
            return new ReplayVerdict(false, "only " + replayed + " recorded execution(s) could be replayed ("
                    + skipped + " skipped); at least " + minReplay + " are needed (poet.train.min-replay)", replayed,
                    skipped, currentScore, candidateScore, judged);
        }
        if (Double.isNaN(candidateScore)) {
            return new ReplayVerdict(false, "the candidate's " + objective.id() + " could not be measured on "
                    + replayed + " replayed executions", replayed, skipped, currentScore, candidateScore, judged);
        }
        boolean better = detection ? Double.isNaN(currentScore) || candidateScore < currentScore
                : candidateScore <= currentScore;
        String figures = String.format(java.util.Locale.ROOT, "%s %.4f (candidate) vs %.4f (current) on %d replayed"
                + " executions", detection ? objective.id() : "perceive/enforce error share", candidateScore,
                currentScore, replayed);
        if (!better) {
            return new ReplayVerdict(false, "not better on replay: " + figures, replayed, skipped, currentScore,
                    candidateScore, judged);
        }
        return new ReplayVerdict(true, (detection ? "better on replay: " : "no worse on replay (latency and cost"
                + " are judged live): ") + figures, replayed, skipped, currentScore, candidateScore, judged);
    }

    /** Perceive on the recorded arguments, Enforce on the recorded result; what the caller would have seen. */
    private static Replayed replay(ReplayTarget target, Object[] recordedArgs, Object recordedResult) {
        MethodContext context = target.context();
        Object[] args = recordedArgs.clone();
        Call call = Call.forVerification(context, null, args);
        long saved = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
        try {
            target.enhancement().perceive(call, args);
            Object out = target.enhancement().enforce(call, recordedResult);
            return new Replayed(alerted(out), false);
        } catch (Throwable thrown) {
            if (thrown instanceof DeliberateFailure) {
                // The enhancement refused the call: the caller saw no detection.
                return new Replayed(Boolean.FALSE, false);
            }
            // As at run time: the original's own outcome stands.
            return new Replayed(alerted(recordedResult), true);
        } finally {
            LoopBudget.end(saved);
        }
    }

    private static Boolean alerted(Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof Map<?, ?> m && m.get("drift_detected") instanceof Boolean b) {
            return b;
        }
        try {
            return EvidenceCollector.detection(JSON.writeValueAsString(result));
        } catch (Exception e) {
            return null;
        }
    }

    /** tp, fp, missed, tn, errors */
    private static void count(long[] c, Replayed r, Boolean real) {
        if (r.error()) {
            c[4]++;
        }
        if (real == null) {
            return;
        }
        boolean alerted = Boolean.TRUE.equals(r.alerted());
        if (alerted && real) {
            c[0]++;
        } else if (alerted) {
            c[1]++;
        } else if (real) {
            c[2]++;
        } else {
            c[3]++;
        }
    }

    private static double measure(Objective objective, long[] c) {
        long withResult = c[0] + c[1] + c[2] + c[3];
        Detections d = new Detections(withResult, c[0] + c[1], c[0], c[1], c[2], c[3], 0, 0);
        Evidence e = new Evidence("replay", 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, Latency.NONE, Latency.NONE,
                0, 0, Double.NaN, Double.NaN, d, withResult, Map.of(), List.of(), Map.of());
        return ObjectiveMeasure.of(objective, e).orElse(Double.NaN);
    }

    private static double errorShare(long[] c, int replayed) {
        return replayed == 0 ? Double.NaN : (double) c[4] / replayed;
    }

    private static Object[] arguments(RecordedExecution e, MethodContext context) throws Unreplayable {
        JsonNode array = parse(e.arguments());
        int n = context.parameterCount();
        if (array == null || !array.isArray() || array.size() != n) {
            throw new Unreplayable();
        }
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = decode(array.get(i), context.parameterType(i));
        }
        return args;
    }

    private static Object result(RecordedExecution e, MethodContext context) throws Unreplayable {
        Class<?> type = context.returnType();
        if (type == void.class || e.result() == null) {
            return null;
        }
        return decode(parse(e.result()), type);
    }

    private static JsonNode parse(String json) throws Unreplayable {
        try {
            return JSON.readTree(json);
        } catch (Exception ex) {
            throw new Unreplayable();
        }
    }

    private static Object decode(JsonNode node, Class<?> type) throws Unreplayable {
        if (node == null || containsUnrecorded(node)) {
            throw new Unreplayable();
        }
        if (node.isNull()) {
            if (type.isPrimitive()) {
                throw new Unreplayable();
            }
            return null;
        }
        try {
            return JSON.convertValue(node, type);
        } catch (IllegalArgumentException ex) {
            throw new Unreplayable();
        }
    }

    private static boolean containsUnrecorded(JsonNode node) {
        if (node.isObject() && node.has("$unrecorded")) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsUnrecorded(child)) {
                return true;
            }
        }
        return false;
    }

    /** A recorded execution that cannot be replayed. */
    private static final class Unreplayable extends Exception {
        Unreplayable() {
            super(null, null, false, false);
        }
    }
}
