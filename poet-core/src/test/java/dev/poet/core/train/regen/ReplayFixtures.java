package dev.poet.core.train.regen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.poet.bridge.Call;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * A scripted detector for replay: {@code Map check(double psi)} whose recorded result is
 * {@code {psi, drift_detected}}; the ground truth is "real drift when psi > 0.6". Versions differ only in the
 * threshold their Enforce decides {@code drift_detected} by.
 */
final class ReplayFixtures {

    static final String KEY = "com.acme.Monitor~check~0123abcd";
    static final double TRUTH = 0.6;

    private ReplayFixtures() {
    }

    static MethodContext context(double threshold) {
        return new MethodContext(7, KEY, "com.acme.Monitor", "check", "(D)Ljava/util/Map;",
                new Class<?>[] {double.class}, new String[] {"psi"}, Map.class, new Class<?>[0], true, false,
                "ml_monitoring", new ParamsRef(Params.of(Map.of("psi-threshold", threshold))), PhaseEventSink.NONE,
                new MethodStats());
    }

    static ReplayTarget target(String version, double threshold) {
        MethodContext c = context(threshold);
        return new ReplayTarget(version, new Thresholding(c), c);
    }

    /** Decides {@code drift_detected} in Enforce from the result's {@code psi} and its {@code psi-threshold}. */
    public static final class Thresholding implements Enhancement {
        private final MethodContext ctx;

        public Thresholding(MethodContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Object[] perceive(Call call, Object[] args) {
            return args;
        }

        @Override
        public Object operate(Call call, Object[] args) throws Throwable {
            return call.proceed(args);
        }

        @Override
        public Object enforce(Call call, Object result) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) result);
            r.put("drift_detected", ((Number) r.get("psi")).doubleValue() > ctx.params().getDouble("psi-threshold", 1));
            return r;
        }
    }

    /** Runs the original from Perceive: replay must not let it. */
    public static final class Proceeding implements Enhancement {
        public Proceeding(MethodContext ctx) {
        }

        @Override
        public Object[] perceive(Call call, Object[] args) throws Throwable {
            call.proceed(args);
            return args;
        }

        @Override
        public Object operate(Call call, Object[] args) throws Throwable {
            return call.proceed(args);
        }

        @Override
        public Object enforce(Call call, Object result) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("drift_detected", true);
            return r;
        }
    }

    /** {@code n} executions, psi = i / n, recorded as alerting above {@code recordedThreshold}. */
    static List<RecordedExecution> executions(int n, double recordedThreshold) {
        List<RecordedExecution> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double psi = (double) i / n;
            out.add(new RecordedExecution(KEY, "x" + i, 1_000L + i, "[" + psi + "]",
                    "{\"psi\":" + psi + ",\"drift_detected\":" + (psi > recordedThreshold) + "}", "success"));
        }
        return out;
    }

    static boolean real(RecordedExecution e) {
        return Double.parseDouble(e.arguments().substring(1, e.arguments().length() - 1)) > TRUTH;
    }

    static List<LabelledExecution> labelled(List<RecordedExecution> executions) {
        List<LabelledExecution> out = new ArrayList<>();
        for (RecordedExecution e : executions) {
            out.add(new LabelledExecution(e, real(e)));
        }
        return out;
    }

    /** Recorded inputs in memory. */
    static final class Inputs implements RecordedInputs {
        final Map<String, RecordedExecution> byId = new LinkedHashMap<>();

        @Override
        public void add(RecordedExecution execution) {
            byId.put(execution.executionId(), execution);
        }

        @Override
        public List<RecordedExecution> recent(String methodKey, int max) {
            List<RecordedExecution> all = new ArrayList<>(byId.values());
            return all.subList(Math.max(0, all.size() - max), all.size());
        }

        @Override
        public Optional<RecordedExecution> get(String methodKey, String executionId) {
            return Optional.ofNullable(byId.get(executionId));
        }

        @Override
        public void close() throws IOException {
        }
    }
}
