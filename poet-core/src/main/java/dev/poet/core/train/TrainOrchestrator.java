package dev.poet.core.train;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.Learner;
import dev.poet.core.train.learn.LearnerInput;
import dev.poet.core.train.learn.Proposal;
import dev.poet.core.train.learned.LearnedOverlay;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.state.TrainState;
import dev.poet.runtime.params.Params;

/**
 * Train's loop, one {@link #runOnce} per {@code poet.train.interval-ms}. For each active method with
 * {@code optimize-for} (an unknown objective is one warning, then the method is left alone) that has at least
 * {@code poet.train.min-evidence} executions or labelled feedback since its last run:
 * <ol>
 *   <li>collects the window's {@link Evidence} and the objective's {@link ObjectiveMeasure};</li>
 *   <li><b>watch</b>: when the last change (of learned values, or a promoted version) is at least
 *       {@code poet.train.watch-window-ms} old, compares the measure of the window after it with the window before;
 *       if worse by more than the degradation threshold, undoes it: restores the previous learned values
 *       ({@code train.params_reverted}) or has the {@link Regenerator} roll the promoted version back
 *       ({@code version.rolled_back}), and does nothing more this run;</li>
 *   <li>evaluates the {@link RegenerationRules} and hands a {@link RegenerationRequest} to the
 *       {@link Regenerator} (at most once per method per {@value #REQUEST_COOLDOWN_INTERVALS} intervals); a version
 *       it promotes is watched, and nothing is learned on top of it this run;</li>
 *   <li>runs the objective's {@link Learner}; keeps the proposed values it may learn (bounded, not explicit),
 *       clamped; applies them live through {@link TrainedMethods#applyLearned}; persists them in
 *       {@code learned.json}; says so ({@code train.params_changed}); and watches the change.</li>
 * </ol>
 * Without any method with {@code optimize-for} a run does nothing. Single-threaded: runs are serialised by the
 * caller (the schedule of {@link Train}, or a test calling {@link #runOnce} with its own clock). Never throws: a
 * method whose run fails is logged and retried next run. What a run remembers of a method (the change under watch,
 * the rolling measures, the last request) is kept in {@link TrainState}, so a restart resumes a watch in progress.
 */
public final class TrainOrchestrator {

    static final int REQUEST_COOLDOWN_INTERVALS = 24;

    private final TrainOptions options;
    private final TrainedMethods methods;
    private final EvidenceCollector collector;
    private final LearnedParamsStore store;
    private final Map<Objective, Learner> learners = new EnumMap<>(Objective.class);
    private final Regenerator regenerator;
    private final TrainEvents events;
    private final SourceLookup sources;
    private final RegenerationRules rules;
    private final Map<String, MethodState> states = new ConcurrentHashMap<>();
    private final TrainState durable;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The running version's source, when stored. */
    @FunctionalInterface
    public interface SourceLookup {
        /** @return the source, or null */
        String source(String methodKey, String version);

        SourceLookup NONE = (key, version) -> null;
    }

    /** What one run did to one method, for tests and logs. */
    public record Outcome(String methodKey, String action, Map<String, Object> before, Map<String, Object> after,
                          OptionalDouble measure, List<String> rulesFired) {
    }

    /** Per method, between runs; restored from and saved to {@link TrainState}. */
    private static final class MethodState {
        long lastRun;
        Watch watch;
        long lastRequest = Long.MIN_VALUE;
        final Deque<Double> measures = new ArrayDeque<>();
    }

    /** A change under watch: of learned values, or a promoted version ({@code promotion} set). */
    private record Watch(long changedAt, double measureBefore, Map<String, Object> previous,
                         Map<String, Object> applied, String changeEvent, Promotion promotion) {
    }

    /** What the regeneration step did: the rules that fired, and the promotion it made, if any. */
    private record Regeneration(List<String> fired, Optional<Promotion> promotion) {
        static final Regeneration NONE = new Regeneration(List.of(), Optional.empty());
    }

    public TrainOrchestrator(TrainOptions options, TrainedMethods methods, EvidenceCollector collector,
                             LearnedParamsStore store, List<Learner> learners, Regenerator regenerator,
                             TrainEvents events, SourceLookup sources) {
        this.options = Objects.requireNonNull(options, "options");
        this.methods = Objects.requireNonNull(methods, "methods");
        this.collector = Objects.requireNonNull(collector, "collector");
        this.store = Objects.requireNonNull(store, "store");
        for (Learner l : learners) {
            for (Objective o : l.objectives()) {
                this.learners.put(o, l);
            }
        }
        this.events = events == null ? TrainEvents.NONE : events;
        this.regenerator = regenerator == null ? new EventRegenerator(this.events) : regenerator;
        this.sources = sources == null ? SourceLookup.NONE : sources;
        this.rules = new RegenerationRules(options);
        this.durable = new TrainState(store);
    }

    public TrainOptions options() {
        return options;
    }

    /** One pass over every trained method at {@code nowMillis}; what it did per method that had enough evidence. */
    public List<Outcome> runOnce(long nowMillis) {
        List<Outcome> outcomes = new ArrayList<>();
        List<TrainedMethod> trained;
        try {
            trained = methods.trainedMethods();
        } catch (RuntimeException e) {
            PoetLog.suppressed("train: the active methods could not be listed", e);
            return outcomes;
        }
        for (TrainedMethod m : trained) {
            try {
                Outcome o = run(m, nowMillis);
                if (o != null) {
                    outcomes.add(o);
                    persist(m.key());
                }
            } catch (Exception | LinkageError e) {
                if (Thread.currentThread().isInterrupted()
                        || e instanceof java.nio.channels.ClosedByInterruptException) {
                    // Train is being stopped (the JVM exits): this pass ends here, what it learned so far is kept.
                    PoetLog.debug("train: stopped during the run of " + m.displayName());
                    return outcomes;
                }
                PoetLog.suppressed("train: " + m.displayName() + " not trained this run; retried next run", e);
            }
        }
        return outcomes;
    }

    private Outcome run(TrainedMethod m, long now) throws java.io.IOException {
        Optional<Objective> parsed = m.objective();
        if (parsed.isEmpty()) {
            if (warned.add(m.key())) {
                PoetLog.warn(m.displayName() + ": optimize-for=" + m.optimizeFor() + " is not an objective ("
                        + Objective.accepted() + "); Train leaves this method alone");
            }
            return null;
        }
        Objective objective = parsed.get();
        MethodState state = states.computeIfAbsent(m.key(), this::restore);
        Evidence evidence = collector.collect(m.key(), state.lastRun, now);
        if (evidence.calls() < options.minEvidence() && evidence.detections().labelled() < options.minEvidence()) {
            return null;
        }
        if (state.watch != null && now - state.watch.changedAt() < options.watchWindowMs()) {
            // Too early to judge the change: the window keeps growing.
            return null;
        }
        OptionalDouble measure = ObjectiveMeasure.of(objective, evidence);
        LearnedParams learned = store.load(m.key()).filter(l -> l.objective().equals(objective.id()))
                .orElse(LearnedParams.empty(objective.id()));
        state.lastRun = now;
        Watch watch = state.watch;
        state.watch = null;
        if (watch != null && watch.promotion() != null && measure.isPresent()
                && ObjectiveMeasure.worse(measure.getAsDouble(), watch.measureBefore(), options.degradation())) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("function_name", m.displayName());
            seen.put("objective", objective.id());
            seen.put("measure_before", watch.measureBefore());
            seen.put("measure_after", measure.getAsDouble());
            seen.put("evidence", evidence.toMap());
            boolean undone = regenerator.rollBack(watch.promotion(), seen);
            remember(state, measure);
            return new Outcome(m.key(), undone ? "rolled_back" : "rollback_failed", learned.values(),
                    learned.values(), measure, List.of());
        }
        if (watch != null && watch.promotion() == null && measure.isPresent()
                && ObjectiveMeasure.worse(measure.getAsDouble(), watch.measureBefore(), options.degradation())) {
            revert(m, objective, learned, watch, measure.getAsDouble(), evidence, now);
            remember(state, measure);
            return new Outcome(m.key(), "reverted", learned.values(), watch.previous(), measure, List.of());
        }
        Regeneration regeneration = regenerate(m, objective, evidence, measure, state, learned, now);
        List<String> fired = regeneration.fired();
        if (regeneration.promotion().isPresent()) {
            // The new version is judged on its own first: no learned change on top of it this run.
            Promotion p = regeneration.promotion().get();
            if (measure.isPresent()) {
                state.watch = new Watch(now, measure.getAsDouble(), learned.values(), learned.values(), p.eventId(),
                        p);
            }
            remember(state, measure);
            return new Outcome(m.key(), "promoted", learned.values(), learned.values(), measure, fired);
        }
        Outcome outcome = learn(m, objective, learned, evidence, measure, state, now, fired);
        remember(state, measure);
        return outcome;
    }

    private Outcome learn(TrainedMethod m, Objective objective, LearnedParams learned, Evidence evidence,
                          OptionalDouble measure, MethodState state, long now, List<String> fired)
            throws java.io.IOException {
        Learner learner = learners.get(objective);
        if (learner == null) {
            return new Outcome(m.key(), "measured", learned.values(), learned.values(), measure, fired);
        }
        Optional<Proposal> proposal = learner.propose(new LearnerInput(m, m.current(), evidence, options.bounds()));
        if (proposal.isEmpty()) {
            return new Outcome(m.key(), "unchanged", learned.values(), learned.values(), measure, fired);
        }
        Map<String, Object> next = new LinkedHashMap<>(learned.values());
        next.putAll(LearnedOverlay.usable(proposal.get().values(), m.explicitKeys(), options.bounds()));
        if (sameValues(next, learned.values())) {
            return new Outcome(m.key(), "unchanged", learned.values(), learned.values(), measure, fired);
        }
        if (!applyValues(m, next)) {
            return new Outcome(m.key(), "not_applied", learned.values(), learned.values(), measure, fired);
        }
        Map<String, Object> payload = payload(m, objective, learned.values(), next);
        payload.put("reasons", proposal.get().reasons());
        payload.put("measure", measure.isPresent() ? measure.getAsDouble() : null);
        payload.put("evidence", evidence.toMap());
        store.save(m.key(), learned.changedTo(next, new LearnedParams.Change(Instant.ofEpochMilli(now), "changed",
                learned.values(), next, evidence.toMap())));
        String id = events.emit(EventTypes.TRAIN_PARAMS_CHANGED, null, payload);
        PoetLog.info(m.displayName() + ": Train (" + objective.id() + ") set " + next + " (was " + learned.values()
                + "): " + proposal.get().reasons().values());
        if (measure.isPresent()) {
            state.watch = new Watch(now, measure.getAsDouble(), learned.values(), next, id, null);
        }
        return new Outcome(m.key(), "changed", learned.values(), next, measure, fired);
    }

    private void revert(TrainedMethod m, Objective objective, LearnedParams learned, Watch watch, double after,
                        Evidence evidence, long now) throws java.io.IOException {
        Map<String, Object> restored = watch.previous();
        if (!applyValues(m, restored)) {
            return;
        }
        store.save(m.key(), learned.changedTo(restored, new LearnedParams.Change(Instant.ofEpochMilli(now),
                "reverted", learned.values(), restored, evidence.toMap())));
        Map<String, Object> payload = payload(m, objective, learned.values(), restored);
        payload.put("measure_before", watch.measureBefore());
        payload.put("measure_after", after);
        payload.put("evidence", evidence.toMap());
        events.emit(EventTypes.TRAIN_PARAMS_REVERTED, watch.changeEvent(), payload);
        PoetLog.info(m.displayName() + ": Train undid " + learned.values() + " (" + objective.id() + " measure "
                + String.format("%.3f", after) + " after vs " + String.format("%.3f", watch.measureBefore())
                + " before); back to " + restored);
    }

    private Regeneration regenerate(TrainedMethod m, Objective objective, Evidence evidence, OptionalDouble measure,
                                    MethodState state, LearnedParams learned, long now) {
        Map<String, Object> fired = rules.fired(evidence, measure, new ArrayList<>(state.measures));
        if (fired.isEmpty()) {
            return Regeneration.NONE;
        }
        List<String> names = new ArrayList<>(fired.keySet());
        names.remove("rolling_average");
        if (state.lastRequest != Long.MIN_VALUE
                && now - state.lastRequest < REQUEST_COOLDOWN_INTERVALS * options.intervalMs()) {
            return new Regeneration(names, Optional.empty());
        }
        state.lastRequest = now;
        Map<String, Object> rates = new LinkedHashMap<>(fired);
        String source = null;
        try {
            source = sources.source(m.key(), m.version());
        } catch (RuntimeException e) {
            PoetLog.suppressed("train: the source of " + m.displayName() + " could not be read", e);
        }
        RegenerationRequest request = new RegenerationRequest(m, objective, names, rates, evidence,
                evidence.commonReasons(), learned.history(), source);
        Optional<Promotion> promotion = Optional.empty();
        try {
            promotion = regenerator.regenerate(request);
        } catch (RuntimeException e) {
            PoetLog.suppressed("train: the regeneration request for " + m.displayName() + " failed", e);
        }
        return new Regeneration(names, promotion == null ? Optional.empty() : promotion);
    }

    /** The remembered state of a method not seen since start; a fresh one when none or unreadable. */
    private MethodState restore(String key) {
        MethodState state = new MethodState();
        try {
            Optional<TrainState.Method> saved = durable.load(key);
            if (saved.isPresent()) {
                TrainState.Method s = saved.get();
                state.lastRun = s.lastRun();
                state.lastRequest = s.lastRequest();
                state.measures.addAll(s.measures());
                TrainState.Watch w = s.watch();
                if (w != null) {
                    state.watch = new Watch(w.changedAt(), w.measureBefore(), w.previous(), w.applied(),
                            w.changeEvent(), null);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            PoetLog.suppressed("train: the state of " + key + " could not be read; it starts afresh", e);
        }
        return state;
    }

    private void persist(String key) {
        MethodState state = states.get(key);
        if (state == null) {
            return;
        }
        // A promoted version does not outlive the JVM (a restart activates the version its identity finds), so
        // only a watch of learned values is worth resuming.
        Watch w = state.watch != null && state.watch.promotion() == null ? state.watch : null;
        try {
            durable.save(key, new TrainState.Method(state.lastRun, w == null ? null
                    : new TrainState.Watch(w.changedAt(), w.measureBefore(), w.previous(), w.applied(),
                    w.changeEvent()), state.lastRequest, new ArrayList<>(state.measures)));
        } catch (java.io.IOException | RuntimeException e) {
            PoetLog.suppressed("train: the state of " + key + " could not be saved; a restart starts it afresh", e);
        }
    }

    private boolean applyValues(TrainedMethod m, Map<String, Object> values) {
        Map<String, Object> effective = LearnedOverlay.apply(m.configured(), values, m.explicitKeys(),
                options.bounds());
        return methods.applyLearned(m.key(), Params.of(effective));
    }

    private static void remember(MethodState state, OptionalDouble measure) {
        if (measure.isPresent()) {
            state.measures.addLast(measure.getAsDouble());
            while (state.measures.size() > RegenerationRules.ROLLING) {
                state.measures.removeFirst();
            }
        }
    }

    private static Map<String, Object> payload(TrainedMethod m, Objective objective, Map<String, Object> before,
                                               Map<String, Object> after) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", m.key());
        p.put("function_name", m.displayName());
        p.put("objective", objective.id());
        p.put("before", new LinkedHashMap<>(before));
        p.put("after", new LinkedHashMap<>(after));
        return p;
    }

    /** Numerically equal values under the same keys (a learned 12 and 12.0 are the same). */
    static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Double x = dev.poet.core.train.learned.ParamBounds.number(e.getValue());
            Double y = dev.poet.core.train.learned.ParamBounds.number(b.get(e.getKey()));
            if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
