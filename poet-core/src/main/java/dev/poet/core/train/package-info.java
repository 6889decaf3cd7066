/**
 * Train: learning toward a method's {@code optimize-for} objective. {@link dev.poet.core.train.TrainOrchestrator}
 * reads each trained method's {@link dev.poet.core.train.evidence.Evidence} from the event log, measures its
 * {@link dev.poet.core.train.Objective} ({@link dev.poet.core.train.ObjectiveMeasure}, lower is better), runs the
 * objective's {@link dev.poet.core.train.learn.Learner}, applies the learned values live through
 * {@link dev.poet.core.train.TrainedMethods} (the engine), keeps them in {@code learned.json}
 * ({@link dev.poet.core.train.learned.LearnedParamsStore}), undoes a change that made the measure worse, and asks
 * a {@link dev.poet.core.train.Regenerator} for a new version when a rule fires (the agent's,
 * {@link dev.poet.core.train.regen.CandidateRegenerator}, proves a candidate on replayed executions before it is
 * promoted; the orchestrator watches a promotion and has it rolled back when the measure got worse). A new learner (detection
 * thresholds, prompt variants) implements {@code Learner} for its objectives and is passed to the orchestrator;
 * a parameter it learns needs bounds in {@link dev.poet.core.train.learned.ParamBounds#DEFAULTS}.
 */
package dev.poet.core.train;
