package dev.poet.core.train;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.core.train.state.TrainState;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator over scripted execution streams and an injected clock: nothing sleeps, nothing really runs.
 * A restart is a new orchestrator over the same home.
 */
class TrainOrchestratorTest {

    static final String KEY = "com.acme.Pricing~quote~0123abcd";
    static final long HOUR = 3_600_000L;

    @TempDir
    Path home;

    private final MemoryEventLog log = new MemoryEventLog();
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private final List<Params> applied = new ArrayList<>();
    private Params current;

    private TrainedMethods methods(String optimizeFor, Map<String, Object> configured, Set<String> explicit) {
        current = Params.of(configured);
        return new TrainedMethods() {
            @Override
            public List<TrainedMethod> trainedMethods() {
                return List.of(new TrainedMethod(KEY, "Pricing.quote", "base", optimizeFor, "v1", configured,
                        explicit, current));
            }

            @Override
            public boolean applyLearned(String methodKey, Params params) {
                current = params;
                applied.add(params);
                return true;
            }
        };
    }

    private TrainOrchestrator orchestrator(TrainedMethods methods, ParamBounds bounds) {
        return new TrainOrchestrator(TrainOptions.defaults().withBounds(bounds), methods,
                new EvidenceCollector(log, null), new LearnedParamsStore(home),
                List.of(new LatencyLearner(), new CostLearner()), null, (type, cause, payload) -> {
                    Event e = factory.create(type, 0, null, cause, payload);
                    try {
                        log.append(List.of(e));
                    } catch (java.io.IOException ex) {
                        throw new AssertionError(ex);
                    }
                    return e.id();
                }, null);
    }

    /** {@code n} successful single-try calls of {@code ms} each and {@code slow} of {@code slowMs}, in hour {@code h}. */
    private void window(int h, int n, double ms, int slow, double slowMs) throws Exception {
        window(h, n, ms, slow, slowMs, "success");
    }

    /** As above, the slow calls ending with {@code slowStatus}. */
    private void window(int h, int n, double ms, int slow, double slowMs, String slowStatus) throws Exception {
        for (int i = 0; i < n + slow; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("duration_ms", i < n ? ms : slowMs);
            p.put("status", i < n ? "success" : slowStatus);
            p.put("attempts", 1);
            log.append(List.of(factory.create(EventTypes.FUNCTION_EXECUTION, h * HOUR + i, "e" + h + "-" + i, null,
                    p)));
        }
    }

    private static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("optimize-for", "latency");
        m.put("retries", "3");
        m.put("backoff-initial-ms", "100");
        return m;
    }

    @Test
    void aChangeThatMadeTheMeasureWorseIsUndoneWithItsEvidence() throws Exception {
        TrainOrchestrator train = orchestrator(methods("latency", base(), Set.of("optimize-for", "retries",
                "backoff-initial-ms")), ParamBounds.defaults());
        window(0, 95, 10, 5, 400);
        List<TrainOrchestrator.Outcome> first = train.runOnce(HOUR);
        assertThat(first).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("changed"));
        assertThat(current.getLong("timeout-ms", 0)).as("3 x single-try p95 of 10 ms").isEqualTo(30);

        window(1, 80, 10, 20, 400, "failure");
        List<TrainOrchestrator.Outcome> second = train.runOnce(2 * HOUR);

        assertThat(second).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("reverted"));
        assertThat(current.has("timeout-ms")).as("back to no learned deadline").isFalse();
        assertThat(current.getString("retries", null)).isEqualTo("3");
        assertThat(new LearnedParamsStore(home).load(KEY).orElseThrow().values()).isEmpty();
        assertThat(new LearnedParamsStore(home).load(KEY).orElseThrow().history()).extracting(c -> c.kind())
                .containsExactly("changed", "reverted");
        Event changed = log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED)).get(0);
        Event reverted = log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_REVERTED)).get(0);
        assertThat(changed.payload()).containsEntry("objective", "latency").containsEntry("before", Map.of())
                .containsEntry("after", Map.of("timeout-ms", 30L)).containsKey("evidence");
        assertThat(reverted.causationId()).isEqualTo(changed.id());
        assertThat(reverted.payload()).containsEntry("after", Map.of());
        assertThat((Double) reverted.payload().get("measure_after"))
                .isGreaterThan((Double) reverted.payload().get("measure_before"));
        assertThat(reverted.payload().get("evidence").toString()).contains("calls=100");
    }

    @Test
    void aChangeThatHeldIsKeptAndLearningFollowsWithinBounds() throws Exception {
        TrainOrchestrator train = orchestrator(methods("latency", base(), Set.of("optimize-for", "retries")),
                ParamBounds.defaults().with("timeout-ms", 40, 1000));
        window(0, 95, 10, 5, 400);
        train.runOnce(HOUR);
        assertThat(current.getLong("timeout-ms", 0)).as("30 is below the configured minimum").isEqualTo(40);
        window(1, 95, 10, 5, 40);
        assertThat(train.runOnce(2 * HOUR)).singleElement()
                .satisfies(o -> assertThat(o.action()).isNotEqualTo("reverted"));
        assertThat(log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_REVERTED))).isEmpty();
        assertThat(current.getLong("timeout-ms", 0)).isBetween(40L, 1000L);
        assertThat(current.getString("retries", null)).as("explicit: never learned").isEqualTo("3");
    }

    @Test
    void tooLittleEvidenceOrAnUnknownObjectiveTrainsNothing() throws Exception {
        TrainOrchestrator few = orchestrator(methods("latency", base(), Set.of()), ParamBounds.defaults());
        window(0, 15, 10, 4, 400);
        assertThat(few.runOnce(HOUR)).isEmpty();
        assertThat(applied).isEmpty();

        TrainOrchestrator unknown = orchestrator(methods("speed", base(), Set.of()), ParamBounds.defaults());
        window(1, 95, 10, 5, 400);
        assertThat(unknown.runOnce(2 * HOUR)).isEmpty();
        assertThat(applied).isEmpty();
        assertThat(new LearnedParamsStore(home).load(KEY)).isEmpty();
    }

    @Test
    void aRuleThatFiresHandsTheEvidenceToTheRegenerator() throws Exception {
        List<RegenerationRequest> requests = new ArrayList<>();
        TrainOrchestrator train = new TrainOrchestrator(TrainOptions.defaults(), methods("latency", base(), Set.of()),
                new EvidenceCollector(log, null), new LearnedParamsStore(home), List.of(), requests::add,
                TrainEvents.NONE, (key, version) -> "class Source {}");
        for (int i = 0; i < 30; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("duration_ms", 5.0);
            p.put("status", i < 20 ? "failure" : "success");
            p.put("attempts", 3);
            log.append(List.of(factory.create(EventTypes.FUNCTION_EXECUTION, i, "e" + i, null, p)));
        }
        train.runOnce(HOUR);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.rules()).containsExactly("cost_efficiency");
            assertThat((Double) r.rates().get("cost_efficiency")).isLessThan(0.5);
            assertThat(r.currentSource()).isEqualTo("class Source {}");
            assertThat(r.evidence().failures()).isEqualTo(20);
        });
    }

    // A restart is a new orchestrator over the same home: a watch in progress is resumed, not forgotten.

    @Test
    void aBadChangeUnderWatchIsStillUndoneAfterARestart() throws Exception {
        Set<String> explicit = Set.of("optimize-for", "retries", "backoff-initial-ms");
        TrainOrchestrator before = orchestrator(methods("latency", base(), explicit), ParamBounds.defaults());
        window(0, 95, 10, 5, 400);
        assertThat(before.runOnce(HOUR)).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo("changed"));
        TrainState.Method saved = new TrainState(new LearnedParamsStore(home)).load(KEY).orElseThrow();
        assertThat(saved.watch()).as("the change is under watch on disk").isNotNull();
        assertThat(saved.lastRun()).isEqualTo(HOUR);

        // Restart: the engine comes back with the learned value overlaid, a fresh orchestrator over the same home.
        Map<String, Object> restarted = new LinkedHashMap<>(base());
        restarted.put("timeout-ms", 30L);
        TrainOrchestrator after = orchestrator(methods("latency", base(), explicit), ParamBounds.defaults());
        current = Params.of(restarted);
        window(1, 80, 10, 20, 400, "failure");
        List<TrainOrchestrator.Outcome> second = after.runOnce(2 * HOUR);

        assertThat(second).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("reverted"));
        assertThat(current.has("timeout-ms")).as("back to no learned deadline").isFalse();
        assertThat(new LearnedParamsStore(home).load(KEY).orElseThrow().values()).isEmpty();
        Event changed = log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED)).get(0);
        Event reverted = log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_REVERTED)).get(0);
        assertThat(reverted.causationId()).as("linked to the change made before the restart").isEqualTo(changed.id());
        assertThat(reverted.payload().get("evidence").toString()).as("only the window after the change")
                .contains("calls=100");
        assertThat(new TrainState(new LearnedParamsStore(home)).load(KEY).orElseThrow().watch()).isNull();
    }

    @Test
    void withoutTheStateFileARestartForgetsTheWatch() throws Exception {
        Set<String> explicit = Set.of("optimize-for", "retries", "backoff-initial-ms");
        window(0, 95, 10, 5, 400);
        orchestrator(methods("latency", base(), explicit), ParamBounds.defaults()).runOnce(HOUR);
        java.nio.file.Files.delete(new TrainState(new LearnedParamsStore(home)).file(KEY));
        window(1, 80, 10, 20, 400, "failure");

        List<TrainOrchestrator.Outcome> second = orchestrator(methods("latency", base(), explicit),
                ParamBounds.defaults()).runOnce(2 * HOUR);

        assertThat(second).extracting(TrainOrchestrator.Outcome::action).doesNotContain("reverted");
    }

    @Test
    void theStateRoundTripsAndACorruptFileIsRefusedByName() throws Exception {
        TrainState state = new TrainState(new LearnedParamsStore(home));
        TrainState.Method m = new TrainState.Method(7L, new TrainState.Watch(3L, 1.5, Map.of(), Map.of("timeout-ms", 30L),
                "ev1"), Long.MIN_VALUE, List.of(1.0, 2.5));
        state.save(KEY, m);
        assertThat(state.load(KEY)).contains(m);
        java.nio.file.Files.writeString(state.file(KEY), "{\"format\":1,\"measures\":[\"x\"]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.load(KEY))
                .isInstanceOf(dev.poet.core.store.CorruptStoreFileException.class).hasMessageContaining("measures");
    }
}
