/**
 * Verification of generated enhancements before activation, after they compiled and passed the audit: Perceive
 * and Enforce run on
 * sample values under a watchdog (time, allocation, loop budget) and, for the transparent base domain, must
 * return every value unchanged. {@link dev.poet.core.verify.VerificationGate} is what the pipeline calls;
 * {@link dev.poet.core.verify.Verifier} does the work; {@link dev.poet.core.verify.SampleRecorder} keeps samples of
 * real calls in memory and {@link dev.poet.core.verify.SampleSynthesizer} makes them from a signature.
 */
package dev.poet.core.verify;
