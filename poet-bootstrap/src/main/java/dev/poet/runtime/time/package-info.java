/**
 * Injectable time and randomness: {@link dev.poet.runtime.time.Clock}, {@link dev.poet.runtime.time.Sleeper},
 * {@link dev.poet.runtime.time.RandomSource}, each with a system default, and
 * {@link dev.poet.runtime.time.ManualClock} for tests, and the {@link dev.poet.runtime.time.CoarseClock} where a
 * millisecond is precise enough.
 */
package dev.poet.runtime.time;
