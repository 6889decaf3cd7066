/**
 * The LLM source generator: the conversation with the model (prompt, answer, check, repair turns), bounded in
 * time, concurrency and request rate, ending in a checked source or a {@link dev.poet.core.generate.GenerationFailure}
 * after which the pipeline uses the template.
 */
package dev.poet.llm.generate;
