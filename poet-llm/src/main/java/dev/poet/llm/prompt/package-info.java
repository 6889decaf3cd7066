/**
 * Prompt assembly: the domain's instructions, the method (signature, annotations, parameters, a bytecode summary
 * and, when {@code poet.source.path} has it, its source), the contract and the Java subset, the class to produce
 * and the template's rendering as a known-good example. Prompts are versioned ({@link dev.poet.llm.prompt.PromptBuilder#PROMPT_VERSION}):
 * a new prompt version means new stored versions.
 */
package dev.poet.llm.prompt;
