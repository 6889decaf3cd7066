package dev.poet.core.train.regen;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;
import dev.poet.core.train.EventRegenerator;
import dev.poet.core.train.Promotion;
import dev.poet.core.train.RegenerationRequest;
import dev.poet.core.train.Regenerator;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.TrainedMethod;

/**
 * The generating {@link Regenerator}: records the request ({@code train.regeneration_requested}, as
 * {@link EventRegenerator} does), has the engine produce a candidate through the same gate as any generation
 * (a template renders it with the learned values folded into its parameters; a source generator is given the
 * evidence and may change the code), stores it as a candidate, replays the recorded labelled executions through
 * the running version and the candidate ({@link ReplayEvaluator}) and promotes it only when it is better on at
 * least {@code poet.train.min-replay} of them ({@code version.promoted}); otherwise it is discarded with the reason
 * and both scores ({@code train.candidate_discarded}). A promotion is watched by the orchestrator, which calls
 * {@link #rollBack} when the live measure got worse ({@code version.rolled_back}).
 *
 * <p>No generation is asked for while fewer than {@code min-replay} executions could be replayed: a candidate that
 * cannot be judged is not worth a model call. Runs on Train's thread; never throws.
 */
public final class CandidateRegenerator implements Regenerator {

    /** Recorded labelled executions read per evaluation, at most. */
    public static final int MAX_REPLAY = 500;

    private final VersionControl engine;
    private final ReplaySamples samples;
    private final ReplayEvaluator evaluator;
    private final int minReplay;
    private final TrainEvents events;
    private final EventRegenerator announce;
    private final Clock clock;

    public CandidateRegenerator(VersionControl engine, ReplaySamples samples, ReplayEvaluator evaluator,
                                int minReplay, TrainEvents events, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.evaluator = evaluator == null ? new ReplayEvaluator() : evaluator;
        this.minReplay = minReplay;
        this.events = events == null ? TrainEvents.NONE : events;
        this.announce = new EventRegenerator(this.events);
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    @Override
    public void requested(RegenerationRequest request) {
        regenerate(request);
    }

    @Override
    public Optional<Promotion> regenerate(RegenerationRequest r) {
        String cause = announce.announce(r);
        TrainedMethod m = r.method();
        try {
            if ("pending".equals(m.version())) {
                discarded(r, null, "the running version is not stored yet; nothing generated", null, cause);
                return Optional.empty();
            }
            List<LabelledExecution> replay = samples.labelled(m.key(), MAX_REPLAY);
            long replayable = r.objective().detection()
                    ? replay.stream().filter(s -> s.real() != null).count() : replay.size();
            if (replayable < minReplay) {
                discarded(r, null, "only " + replayable + " recorded labelled execution(s) to replay; at least "
                        + minReplay + " are needed (poet.train.min-replay): nothing generated", null, cause);
                return Optional.empty();
            }
            long start = clock.millis();
            Optional<VersionControl.CandidateVersion> produced = engine.generateCandidate(m.key(), folded(m),
                    RegenerationEvidence.text(r));
            if (produced.isEmpty()) {
                discarded(r, null, "no candidate passed generation and the gate", null, cause);
                return Optional.empty();
            }
            VersionControl.CandidateVersion c = produced.get();
            ReplayVerdict verdict = evaluator.evaluate(r.objective(), replay, c.current(), c.candidate(), minReplay);
            Map<String, Object> figures = new LinkedHashMap<>(verdict.toMap());
            figures.put("took_ms", clock.millis() - start);
            if (!verdict.promote()) {
                engine.discard(m.key(), c.version(), verdict.reason());
                discarded(r, c.version(), verdict.reason(), figures, cause);
                return Optional.empty();
            }
            String previous = c.current().version();
            if (!engine.promote(m.key(), c.version())) {
                String reason = "the method's running version changed meanwhile; " + c.version() + " is not promoted";
                engine.discard(m.key(), c.version(), reason);
                discarded(r, c.version(), reason, figures, cause);
                return Optional.empty();
            }
            Map<String, Object> p = base(r);
            p.put("previous", previous);
            p.put("version", c.version());
            p.put("reason", verdict.reason());
            p.put("replay", figures);
            String id = events.emit(EventTypes.VERSION_PROMOTED, cause, p);
            PoetLog.info(m.displayName() + ": Train promoted " + c.version() + " over " + previous + " ("
                    + verdict.reason() + ")");
            return Optional.of(new Promotion(m.key(), previous, c.version(), id));
        } catch (IOException | RuntimeException e) {
            PoetLog.suppressed("train: regeneration of " + m.displayName() + " failed; the running version stays", e);
            return Optional.empty();
        }
    }

    @Override
    public boolean rollBack(Promotion promotion, Map<String, Object> evidence) {
        String reason = "the live measure got worse after " + promotion.version() + " was promoted";
        if (!engine.rollBack(promotion.methodKey(), promotion.previous(), reason)) {
            PoetLog.warn(promotion.methodKey() + ": " + promotion.version() + " could not be undone (" + reason + ")");
            return false;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", promotion.methodKey());
        p.put("version", promotion.version());
        p.put("restored", promotion.previous());
        p.put("reason", reason);
        p.putAll(evidence);
        events.emit(EventTypes.VERSION_ROLLED_BACK, promotion.eventId(), p);
        PoetLog.info(promotion.methodKey() + ": Train rolled " + promotion.version() + " back to "
                + promotion.previous() + " (" + reason + ")");
        return true;
    }

    /** The values the method runs with that differ from its configured ones (its learned values), explicit keys aside. */
    static Map<String, Object> folded(TrainedMethod m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.current().asMap().entrySet()) {
            if (!m.explicitKeys().contains(e.getKey())
                    && !Objects.equals(String.valueOf(m.configured().get(e.getKey())), String.valueOf(e.getValue()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private void discarded(RegenerationRequest r, String version, String reason, Map<String, Object> replay,
                           String cause) {
        Map<String, Object> p = base(r);
        p.put("version", version);
        p.put("reason", reason);
        p.put("replay", replay);
        events.emit(EventTypes.TRAIN_CANDIDATE_DISCARDED, cause, p);
        PoetLog.info(r.method().displayName() + ": Train discarded a regenerated candidate"
                + (version == null ? "" : " " + version) + ": " + reason);
    }

    private static Map<String, Object> base(RegenerationRequest r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", r.method().key());
        p.put("function_name", r.method().displayName());
        p.put("objective", r.objective().id());
        return p;
    }
}
