package dev.poet.core.train.regen;

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

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.train.Objective;
import dev.poet.core.train.Promotion;
import dev.poet.core.train.RegenerationRequest;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.Latency;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regenerator over labelled recorded executions in an event log, an engine that hands out scripted candidates
 * and an injected clock.
 */
class CandidateRegeneratorTest {

    private final MemoryEventLog log = new MemoryEventLog();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"), clock);
    private final ReplayFixtures.Inputs inputs = new ReplayFixtures.Inputs();
    private final Engine engine = new Engine();

    /** The engine side: scripted candidates, a record of what was asked. */
    private static final class Engine implements VersionControl {
        double candidateThreshold;
        final List<String> asked = new ArrayList<>();
        final List<String> promoted = new ArrayList<>();
        final List<String> discarded = new ArrayList<>();
        final List<String> rolledBack = new ArrayList<>();
        Map<String, Object> params;
        String evidence;

        @Override
        public Optional<CandidateVersion> generateCandidate(String methodKey, Map<String, Object> p, String e) {
            asked.add(methodKey);
            params = p;
            evidence = e;
            return Optional.of(new CandidateVersion(methodKey, "v2", ReplayFixtures.target("v2", candidateThreshold),
                    ReplayFixtures.target("v1", 0.2)));
        }

        @Override
        public boolean promote(String methodKey, String version) {
            promoted.add(version);
            return true;
        }

        @Override
        public void discard(String methodKey, String version, String reason) {
            discarded.add(version + ": " + reason);
        }

        @Override
        public boolean rollBack(String methodKey, String version, String reason) {
            rolledBack.add(version);
            return true;
        }
    }

    private final TrainEvents events = (type, cause, payload) -> {
        Event e = factory.create(type, 0, null, cause, payload);
        try {
            log.append(List.of(e));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
        return e.id();
    };

    private CandidateRegenerator regenerator() {
        return new CandidateRegenerator(engine, new ReplaySamples(log, inputs), new ReplayEvaluator(), 20, events,
                clock);
    }

    /** {@code n} executions recorded, each labelled through feedback with whether its drift was real. */
    private void labelled(int n) throws Exception {
        for (RecordedExecution e : ReplayFixtures.executions(n, 0.2)) {
            inputs.add(e);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", ReplayFixtures.KEY);
            p.put("was_real_drift", ReplayFixtures.real(e));
            p.put("reason", ReplayFixtures.real(e) ? "real shift" : "seasonal");
            log.append(List.of(factory.create(EventTypes.FUNCTION_FEEDBACK, e.timestamp(), e.executionId(), null, p)));
        }
    }

    private static RegenerationRequest request() {
        Map<String, Object> configured = Map.of("psi-threshold", 0.2, "optimize-for", "accuracy");
        Map<String, Object> running = new LinkedHashMap<>(configured);
        running.put("psi-threshold", 0.35);
        TrainedMethod m = new TrainedMethod(ReplayFixtures.KEY, "Monitor.check", "ml_monitoring", "accuracy", "v1",
                configured, Set.of("optimize-for"), Params.of(running));
        Evidence e = new Evidence(ReplayFixtures.KEY, 0, 1, 40, 40, 0, 0, Map.of(), Map.of(), 0, 0, Latency.NONE,
                Latency.NONE, 0, 0, Double.NaN, Double.NaN, new Detections(40, 31, 15, 16, 0, 9, 0, 0), 40, Map.of(),
                List.of("seasonal"), Map.of());
        return new RegenerationRequest(m, Objective.ACCURACY, List.of("false_positive_rate"),
                Map.of("false_positive_rate", 0.516), e, List.of("seasonal"), List.of(), "class Current {}");
    }

    @Test
    void aBetterCandidateIsPromotedWithTheLearnedValuesFoldedInAndTheEvidenceGiven() throws Exception {
        labelled(40);
        engine.candidateThreshold = 0.6;

        Optional<Promotion> p = regenerator().regenerate(request());

        assertThat(p).hasValueSatisfying(x -> {
            assertThat(x.previous()).isEqualTo("v1");
            assertThat(x.version()).isEqualTo("v2");
        });
        assertThat(engine.promoted).containsExactly("v2");
        assertThat(engine.params).as("the learned value, not the configured one").isEqualTo(
                Map.of("psi-threshold", 0.35));
        assertThat(engine.evidence).contains("false_positive_rate = 0.5160").contains("16 false positives")
                .contains("Common reasons in feedback: seasonal");
        Event promoted = log.query(EventQuery.all().withType(EventTypes.VERSION_PROMOTED)).get(0);
        Event requested = log.query(EventQuery.all().withType(EventTypes.TRAIN_REGENERATION_REQUESTED)).get(0);
        assertThat(promoted.causationId()).isEqualTo(requested.id());
        assertThat(promoted.id()).isEqualTo(p.get().eventId());
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) promoted.payload().get("replay");
        assertThat(replay).containsEntry("replayed", 40).containsEntry("candidate_score", 0.0);
        assertThat((Double) replay.get("current_score")).isEqualTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aWorseCandidateIsDiscardedWithTheReasonAndBothScores() throws Exception {
        labelled(40);
        engine.candidateThreshold = 0.05;

        Optional<Promotion> p = regenerator().regenerate(request());

        assertThat(p).isEmpty();
        assertThat(engine.promoted).isEmpty();
        assertThat(engine.discarded).singleElement().satisfies(d -> assertThat(d).startsWith("v2: not better"));
        Event discarded = log.query(EventQuery.all().withType(EventTypes.TRAIN_CANDIDATE_DISCARDED)).get(0);
        assertThat(discarded.payload()).containsEntry("version", "v2");
        assertThat(discarded.payload().get("reason").toString()).contains("not better on replay");
        assertThat(discarded.payload().get("replay").toString()).contains("current_score=0.4")
                .contains("candidate_score=0.55");
    }

    @Test
    void tooFewLabelledExecutionsGenerateNothing() throws Exception {
        labelled(12);
        engine.candidateThreshold = 0.6;

        assertThat(regenerator().regenerate(request())).isEmpty();

        assertThat(engine.asked).as("no model call for a candidate that cannot be judged").isEmpty();
        Event discarded = log.query(EventQuery.all().withType(EventTypes.TRAIN_CANDIDATE_DISCARDED)).get(0);
        assertThat(discarded.payload().get("reason").toString()).contains("only 12").contains("nothing generated");
    }

    @Test
    void aRollbackRestoresThePreviousVersionWithTheEvidence() {
        Promotion p = new Promotion(ReplayFixtures.KEY, "v1", "v2", "evt-1");

        boolean undone = regenerator().rollBack(p, Map.of("measure_before", 0.1, "measure_after", 0.4));

        assertThat(undone).isTrue();
        assertThat(engine.rolledBack).containsExactly("v1");
        Event e = log.query(EventQuery.all().withType(EventTypes.VERSION_ROLLED_BACK)).get(0);
        assertThat(e.causationId()).isEqualTo("evt-1");
        assertThat(e.payload()).containsEntry("version", "v2").containsEntry("restored", "v1")
                .containsEntry("measure_after", 0.4);
    }
}
