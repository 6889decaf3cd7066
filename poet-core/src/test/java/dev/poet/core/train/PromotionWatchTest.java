package dev.poet.core.train;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

/** A promoted version is watched like a learned change and undone when the live measure got worse. */
class PromotionWatchTest {

    static final String KEY = "com.acme.Pricing~quote~0123abcd";
    static final long HOUR = 3_600_000L;

    @TempDir
    Path home;

    private final MemoryEventLog log = new MemoryEventLog();
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private final List<RegenerationRequest> requests = new ArrayList<>();
    private final List<Map<String, Object>> rollbacks = new ArrayList<>();

    /** Promotes v2 over v1 on every request; records rollbacks. */
    private final Regenerator promoting = new Regenerator() {
        @Override
        public void requested(RegenerationRequest request) {
            requests.add(request);
        }

        @Override
        public Optional<Promotion> regenerate(RegenerationRequest request) {
            requests.add(request);
            return Optional.of(new Promotion(KEY, "v1", "v2", "promoted-1"));
        }

        @Override
        public boolean rollBack(Promotion promotion, Map<String, Object> evidence) {
            Map<String, Object> seen = new LinkedHashMap<>(evidence);
            seen.put("restored", promotion.previous());
            rollbacks.add(seen);
            return true;
        }
    };

    private TrainOrchestrator orchestrator() {
        Map<String, Object> configured = Map.of("optimize-for", "latency", "retries", "3");
        TrainedMethods methods = new TrainedMethods() {
            @Override
            public List<TrainedMethod> trainedMethods() {
                return List.of(new TrainedMethod(KEY, "Pricing.quote", "base", "latency", "v1", configured,
                        Set.of("optimize-for", "retries"), Params.of(configured)));
            }

            @Override
            public boolean applyLearned(String methodKey, Params params) {
                return true;
            }
        };
        return new TrainOrchestrator(TrainOptions.defaults(), methods, new EvidenceCollector(log, null),
                new LearnedParamsStore(home), List.of(new LatencyLearner(), new CostLearner()), promoting, null, null);
    }

    /** {@code n} calls in hour {@code h}: {@code slow} of them failing after {@code slowMs}, every call 3 attempts. */
    private void window(int h, int n, double ms, int slow, double slowMs) throws Exception {
        for (int i = 0; i < n + slow; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("duration_ms", i < n ? ms : slowMs);
            p.put("status", i < n ? "success" : "failure");
            // Two of three attempts wasted: the cost-efficiency rule fires.
            p.put("attempts", 3);
            log.append(List.of(factory.create(EventTypes.FUNCTION_EXECUTION, h * HOUR + i, "e" + h + "-" + i, null,
                    p)));
        }
    }

    @Test
    void aPromotionThatMadeTheLiveMeasureWorseIsRolledBackWithTheEvidence() throws Exception {
        TrainOrchestrator train = orchestrator();
        window(0, 100, 10, 0, 0);
        assertThat(train.runOnce(HOUR)).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo("promoted"));
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.rules()).contains("cost_efficiency"));

        window(1, 80, 10, 20, 400);
        assertThat(train.runOnce(2 * HOUR)).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo("rolled_back"));

        assertThat(rollbacks).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("restored", "v1").containsEntry("objective", "latency");
            assertThat((Double) r.get("measure_before")).isEqualTo(10.0);
            assertThat((Double) r.get("measure_after")).as("p99 400 ms x (1 + 10 x 20 % failures)")
                    .isGreaterThan(1000.0);
            assertThat(r.get("evidence").toString()).contains("calls=100");
        });
    }

    @Test
    void aPromotionThatHeldStays() throws Exception {
        TrainOrchestrator train = orchestrator();
        window(0, 100, 10, 0, 0);
        train.runOnce(HOUR);

        window(1, 100, 10, 0, 0);
        List<TrainOrchestrator.Outcome> second = train.runOnce(2 * HOUR);

        assertThat(rollbacks).isEmpty();
        assertThat(second).singleElement().satisfies(o -> assertThat(o.action()).isNotIn("rolled_back", "promoted"));
        assertThat(requests).as("the rule still fires, the request waits for its cooldown").hasSize(1);
    }
}
