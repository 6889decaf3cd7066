/**
 * ASM helpers shared by the engine's bytecode rewriting (the loop budget) and the agent's entry-hook weaver, so
 * that both write class files with the same ASM and the same conventions.
 */
package dev.poet.core.bytecode;
