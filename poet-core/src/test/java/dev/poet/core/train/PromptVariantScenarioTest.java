package dev.poet.core.train;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.train.PromptedModel;

import dev.poet.bridge.Outcome;
import dev.poet.core.domains.DomainHarness;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learn.PromptVariantLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.domain.llmops.LlmOps;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measured scenario for {@code optimize-for=quality}: three prompt variants through the real llm_ops
 * enhancement, an oracle that rates each answer by the variant it was really asked with (positive with
 * probability 0.3, 0.8 and 0.45; one seeded stream, the same in both runs), the same {@value #CALLS} calls twice:
 * once as today (variants in turn), once with Train ticking every {@value #TICK_EVERY} calls on an injected clock
 * (one hour per tick). Ground truth is the prompt the method saw, not the enhancement's own events.
 */
class PromptVariantScenarioTest {

    static final String KEY = "com.example.train.PromptedModel~complete~0000beef";
    static final int CALLS = 900;
    static final int TICK_EVERY = 100;
    static final long HOUR = 3_600_000L;
    static final double[] POSITIVE = {0.3, 0.8, 0.45};
    static final int BEST = 1;
    static final String VARIANTS = "A: {prompt}|B: {prompt}|C: {prompt}";

    @TempDir
    Path home;

    record Figures(double bestShareLastThird, double meanScoreLastThird, int[] lastThirdByVariant,
                   Map<String, Object> learned) {
    }

    @Test
    void learnedVariantBeatsRoundRobinAndStillExplores() throws Exception {
        Figures rotating = run(false);
        Figures trained = run(true);
        System.out.printf("[scenario] %d calls, variants positive with p=0.3/0.8/0.45, Train every %d calls%n",
                CALLS, TICK_EVERY);
        System.out.printf("[scenario] round-robin:          best share (last third)=%.3f mean score=%.3f by"
                + " variant=%s%n", rotating.bestShareLastThird(), rotating.meanScoreLastThird(),
                java.util.Arrays.toString(rotating.lastThirdByVariant()));
        System.out.printf("[scenario] optimizeFor=quality:  best share (last third)=%.3f mean score=%.3f by"
                + " variant=%s learned=%s%n", trained.bestShareLastThird(), trained.meanScoreLastThird(),
                java.util.Arrays.toString(trained.lastThirdByVariant()), trained.learned());

        assertThat(rotating.bestShareLastThird()).as("round-robin share of the best variant")
                .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(trained.learned()).containsEntry(PromptVariantLearner.KEY, (long) BEST);
        assertThat(trained.bestShareLastThird()).as("share of the best variant, last third").isGreaterThan(0.8);
        assertThat(trained.meanScoreLastThird()).as("mean feedback score, last third")
                .isGreaterThan(rotating.meanScoreLastThird() + 0.15);
        // The documented exploration share (0.1), split over the two other variants.
        double explored = 1 - trained.bestShareLastThird();
        assertThat(explored).as("exploring share, last third").isBetween(0.05, 0.16);
        assertThat(trained.lastThirdByVariant()[0]).as("variant 0 still tried").isPositive();
        assertThat(trained.lastThirdByVariant()[2]).as("variant 2 still tried").isPositive();
    }

    /**
     * The oracle changes its mind after the first third: variant 2 becomes the best (0.85) and variant 1 drops
     * to 0.3. The exploring share is what lets Train notice; the learned choice follows within a few windows.
     */
    @Test
    void theLearnedChoiceFollowsWhenAnotherVariantBecomesBetter() throws Exception {
        double[] after = {0.3, 0.3, 0.85};
        Figures rotating = run(false, 2, after);
        Figures trained = run(true, 2, after);
        System.out.printf("[scenario] best variant 1 -> 2 after call %d: round-robin mean score (last third)=%.3f,"
                + " optimizeFor=quality %.3f, variant 2 share %.3f, learned=%s%n", CALLS / 3,
                rotating.meanScoreLastThird(), trained.meanScoreLastThird(), trained.bestShareLastThird(),
                trained.learned());
        assertThat(trained.learned()).containsEntry(PromptVariantLearner.KEY, 2L);
        assertThat(trained.bestShareLastThird()).as("share of the new best variant, last third").isGreaterThan(0.8);
        assertThat(trained.meanScoreLastThird()).isGreaterThan(rotating.meanScoreLastThird() + 0.15);
    }

    private Figures run(boolean train) throws Exception {
        return run(train, BEST, POSITIVE);
    }

    private Figures run(boolean train, int best, double[] afterFirstThird) throws Exception {
        MemoryEventLog log = new MemoryEventLog();
        long[] now = {HOUR};
        EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        String[] lastExecution = {null};
        PhaseEventSink decisions = event -> record(log, factory, event, now[0], lastExecution);
        DomainHarness h = DomainHarness.withSink(decisions, PromptedModel.class, "complete", "llm_ops",
                "prompt-variants", VARIANTS);
        HarnessMethods methods = new HarnessMethods(KEY, "quality", h, "prompt-variants");
        TrainOrchestrator orchestrator = new TrainOrchestrator(TrainOptions.defaults(), methods,
                new EvidenceCollector(log, null), new LearnedParamsStore(home.resolve(train ? "t" : "s")),
                List.of(new LatencyLearner(), new CostLearner(), new PromptVariantLearner()), null,
                (type, cause, payload) -> {
                    Event e = factory.create(type, now[0], null, cause, payload);
                    append(log, e);
                    return e.id();
                }, null);
        PromptedModel app = new PromptedModel();
        Random oracle = new Random(12);
        int[] lastThird = new int[3];
        double lastThirdScore = 0;
        for (int i = 0; i < CALLS; i++) {
            if (i > 0 && i % TICK_EVERY == 0) {
                now[0] = (i / TICK_EVERY + 1) * HOUR;
                if (train) {
                    orchestrator.runOnce(now[0]);
                }
            }
            Outcome o = h.call(app, "question " + i);
            assertThat(o.thrown).isNull();
            int variant = "ABC".indexOf(app.lastPrompt.charAt(0));
            double[] odds = i < CALLS / 3 ? POSITIVE : afterFirstThird;
            boolean positive = oracle.nextDouble() < odds[variant];
            String execution = lastExecution[0];
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("execution_id", execution);
            p.put("duration_ms", 1.0);
            p.put("status", "success");
            p.put("attempts", 1);
            append(log, factory.create(EventTypes.FUNCTION_EXECUTION, now[0] + i % TICK_EVERY, execution, null, p));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("method", KEY);
            f.put("execution_id", execution);
            f.put("label", positive ? "positive" : "negative");
            append(log, factory.create(EventTypes.FUNCTION_FEEDBACK, now[0] + i % TICK_EVERY, execution, null, f));
            if (i >= CALLS * 2 / 3) {
                lastThird[variant]++;
                lastThirdScore += positive ? 1 : 0;
            }
        }
        int n = CALLS - CALLS * 2 / 3;
        Map<String, Object> learned = new LinkedHashMap<>();
        if (methods.current().has(PromptVariantLearner.KEY)) {
            learned.put(PromptVariantLearner.KEY, methods.current().get(PromptVariantLearner.KEY));
        }
        if (train) {
            assertThat(log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED))).isNotEmpty();
        } else {
            assertThat(log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED))).isEmpty();
        }
        return new Figures((double) lastThird[best] / n, lastThirdScore / n, lastThird, learned);
    }

    private static void record(MemoryEventLog log, EventFactory factory, PhaseEvent event, long at,
                               String[] lastExecution) {
        if (EventTypes.FUNCTION_EXECUTION.equals(event.type())) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>(event.fields());
        p.put("method", KEY);
        if (LlmOps.PROMPT_VARIANT.equals(event.type())) {
            lastExecution[0] = String.valueOf(p.get("execution_id"));
        }
        append(log, factory.create(event.type(), at, null, null, p));
    }

    private static void append(MemoryEventLog log, Event e) {
        try {
            log.append(List.of(e));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
