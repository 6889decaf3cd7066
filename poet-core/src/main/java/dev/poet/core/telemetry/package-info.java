/**
 * The parts that record what the agent did and take feedback in, wired together: store, writer, execution
 * recorder, recorded inputs, feedback, HTTP.
 */
package dev.poet.core.telemetry;
