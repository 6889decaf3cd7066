/**
 * Injectable time and randomness: {@link dev.poet.runtime.time.Clock}, {@link dev.poet.runtime.time.Sleeper},
 * {@link dev.poet.runtime.time.RandomSource}, each with a system default, and
 * {@link dev.poet.runtime.time.ManualClock} for tests.
 */
package dev.poet.runtime.time;
