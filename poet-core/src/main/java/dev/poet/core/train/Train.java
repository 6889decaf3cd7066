package dev.poet.core.train;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.poet.core.config.PoetConfig;
import dev.poet.core.log.PoetLog;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStore;
import dev.poet.core.telemetry.Telemetry;
import dev.poet.core.train.config.ConfigHistory;
import dev.poet.core.train.config.ImpactMeasurement;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.DetectionLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learn.PromptVariantLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.regen.CandidateRegenerator;
import dev.poet.core.train.regen.ReplayEvaluator;
import dev.poet.core.train.regen.ReplaySamples;
import dev.poet.core.train.regen.VersionControl;

/**
 * Train as the agent runs it: a {@link TrainOrchestrator} over the engine's methods, the event log and recorded
 * inputs of {@link Telemetry}, regenerating through the engine when it can ({@link CandidateRegenerator}),
 * ticking every {@code poet.train.interval-ms} on one daemon thread ({@code poet-train}). A run only learns for
 * methods with {@code optimize-for}; it also measures the impact of configuration changes that are
 * {@code poet.train.impact-window-ms} old ({@link ImpactMeasurement}).
 */
public final class Train implements AutoCloseable {

    private final TrainOrchestrator orchestrator;
    private final ScheduledExecutorService schedule;

    private Train(TrainOrchestrator orchestrator, ScheduledExecutorService schedule) {
        this.orchestrator = orchestrator;
        this.schedule = schedule;
    }

    /** The orchestrator the agent runs, built from configuration, without starting a schedule. */
    public static TrainOrchestrator orchestrator(PoetConfig config, Telemetry telemetry, TrainedMethods methods,
                                                 VersionStore versions) {
        TrainEvents events = TrainEvents.writingTo(telemetry.writer(), telemetry.factory());
        TrainOrchestrator.SourceLookup sources = versions == null ? TrainOrchestrator.SourceLookup.NONE
                : (key, version) -> {
                    try {
                        return versions.version(MethodKey.parse(key), version).map(v -> {
                            try {
                                return v.source();
                            } catch (java.io.IOException e) {
                                return null;
                            }
                        }).orElse(null);
                    } catch (java.io.IOException | RuntimeException e) {
                        return null;
                    }
                };
        Regenerator regenerator = methods instanceof VersionControl engine
                ? new CandidateRegenerator(engine, new ReplaySamples(telemetry.log(),
                        telemetry.recordedInputs().orElse(null)), new ReplayEvaluator(), config.trainMinReplay(), events,
                        Clock.systemUTC())
                : new EventRegenerator(events);
        return new TrainOrchestrator(TrainOptions.from(config), methods,
                new EvidenceCollector(telemetry.log(), telemetry.recordedInputs().orElse(null)),
                new LearnedParamsStore(config.home()), List.of(new LatencyLearner(), new CostLearner(),
                        new DetectionLearner(telemetry.recordedInputs().orElse(null)), new PromptVariantLearner()),
                regenerator, events, sources);
    }

    /** Starts the schedule: the first run one interval after start. */
    public static Train start(PoetConfig config, Telemetry telemetry, TrainedMethods methods, VersionStore versions,
                              Clock clock) {
        TrainOrchestrator orchestrator = orchestrator(config, telemetry, methods, versions);
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poet-train");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long interval = orchestrator.options().intervalMs();
        ImpactMeasurement impacts = new ImpactMeasurement(configHistory(config, telemetry, clock),
                new EvidenceCollector(telemetry.log(), telemetry.recordedInputs().orElse(null)),
                TrainEvents.writingTo(telemetry.writer(), telemetry.factory()), config.trainImpactWindowMs());
        schedule.scheduleWithFixedDelay(() -> {
            try {
                orchestrator.runOnce(clock.millis());
                impacts.runOnce(clock.millis());
            } catch (Throwable t) {
                PoetLog.suppressed("train: a run failed; the next follows in " + interval + " ms", t);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        return new Train(orchestrator, schedule);
    }

    /** The settings each method last ran with under {@code poet.home}, changes announced through the event log. */
    public static ConfigHistory configHistory(PoetConfig config, Telemetry telemetry, Clock clock) {
        return new ConfigHistory(config.home(), TrainEvents.writingTo(telemetry.writer(), telemetry.factory()), clock);
    }

    public TrainOrchestrator orchestrator() {
        return orchestrator;
    }

    /** Stops the schedule; a run in progress is interrupted. */
    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
