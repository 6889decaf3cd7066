/** Recorded inputs and results of executions, kept for replay by Train. */
package dev.poet.core.replay;
