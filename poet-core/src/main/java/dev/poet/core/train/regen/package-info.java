/**
 * Regeneration that must prove itself: a candidate version produced through the same gate as any generation
 * ({@link dev.poet.core.train.regen.CandidateRegenerator}), replayed against the running version on recorded
 * labelled executions ({@link dev.poet.core.train.regen.ReplayEvaluator}), promoted only when it is better and
 * undone when the live measure gets worse.
 */
package dev.poet.core.train.regen;
