package dev.poet.bench.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.store.EventStoreOptions;
import dev.poet.core.events.store.LocalEventLog;
import dev.poet.core.feedback.Feedback;
import dev.poet.core.feedback.FeedbackOutcome;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.TrainOptions;
import dev.poet.core.train.TrainOrchestrator;
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.TrainedMethods;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * Time from a feedback submitted through {@link FeedbackService} to a changed parameter in force: per round, a
 * fresh method with an hour of executions in a local event log (95 calls of 10 ms, 5 stragglers of 400 ms), then
 * the clock starts, the feedback is stored (durably), one {@link TrainOrchestrator#runOnce} reads the window,
 * learns, persists {@code learned.json} and swaps the method's {@link ParamsRef}, and the clock stops when the new
 * {@code timeout-ms} is what the running method reads. The learned value comes from the window's executions (the
 * learners of this build move no parameter on a label alone); the feedback is part of the window read. In
 * production the run happens on Train's schedule, so the configured {@code poet.train.interval-ms} (one hour by
 * default) adds up to one interval. Usage: {@code FeedbackToParamHarness <rounds> <dir>}.
 */
public final class FeedbackToParamHarness {

    private FeedbackToParamHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path base = Files.createTempDirectory(Path.of(args.length > 1 ? args[1] : "."), "poet-train-bench");
        Clock clock = Clock.systemUTC();
        EventFactory factory = new EventFactory(new EventMetadata("bench", "default", "bench"), clock);
        LocalEventLog log = LocalEventLog.open(base.resolve("events"), EventStoreOptions.defaults(), clock);
        FeedbackService feedback = new FeedbackService(log, factory, () -> { });
        long[] nanos = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            String key = "bench.Pricing~quote~" + String.format("%08x", r);
            long now = clock.millis();
            List<Event> batch = new ArrayList<>();
            String last = null;
            for (int i = 0; i < 100; i++) {
                last = ExecutionIds.format(ExecutionIds.next());
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("method", key);
                p.put("duration_ms", i < 95 ? 10.0 : 400.0);
                p.put("status", "success");
                p.put("attempts", 1);
                batch.add(factory.create(EventTypes.FUNCTION_EXECUTION, now - 3_600_000L + i * 1000L, last, null,
                        p));
            }
            log.append(batch);
            log.sync();
            Map<String, Object> configured = new LinkedHashMap<>();
            configured.put("optimize-for", "latency");
            configured.put("retries", "3");
            ParamsRef running = new ParamsRef(Params.of(configured));
            TrainedMethods methods = new TrainedMethods() {
                @Override
                public List<TrainedMethod> trainedMethods() {
                    return List.of(new TrainedMethod(key, "Pricing.quote", "base", "latency", "v1", configured,
                            Set.of("optimize-for", "retries"), running.get()));
                }

                @Override
                public boolean applyLearned(String methodKey, Params params) {
                    running.set(params);
                    return true;
                }
            };
            TrainOrchestrator train = new TrainOrchestrator(TrainOptions.defaults(), methods,
                    new EvidenceCollector(log, null), new LearnedParamsStore(base.resolve("home" + r)),
                    List.of(new LatencyLearner(), new CostLearner()), null, TrainEvents.NONE, null);

            long t0 = System.nanoTime();
            FeedbackOutcome outcome = feedback.submit(new Feedback(last, "user", Map.of("label", "false_positive",
                    "reason", "too slow")), "bench");
            train.runOnce(clock.millis() + 1);
            long timeout = running.get().getLong("timeout-ms", -1);
            nanos[r] = System.nanoTime() - t0;
            if (!(outcome instanceof FeedbackOutcome.Accepted) || timeout <= 0) {
                throw new IllegalStateException("round " + r + ": feedback " + outcome + ", timeout-ms " + timeout);
            }
        }
        log.close();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int warm = Math.min(rounds - 1, rounds / 5);
        long[] measured = Arrays.copyOfRange(nanos, warm, rounds);
        Arrays.sort(measured);
        System.out.printf("rounds: %d (first %d as warm-up), store under %s%n", rounds, warm, base);
        System.out.printf("feedback submit -> new timeout-ms in force (mechanism): p50 %.2f ms, p90 %.2f ms, "
                        + "max %.2f ms; first round %.2f ms%n", measured[measured.length / 2] / 1e6,
                measured[(int) (measured.length * 0.9)] / 1e6, measured[measured.length - 1] / 1e6, nanos[0] / 1e6);
        System.out.printf("configured poet.train.interval-ms default: %d ms (a run waits up to one interval)%n",
                TrainOptions.DEFAULT_INTERVAL_MS);
    }
}
