/**
 * Enhancement generators backed by a language model: {@link dev.poet.llm.LlmGenerators} builds one from the
 * {@code poet.llm.*} keys. Providers in {@code .provider}, prompt assembly in {@code .prompt}, answer extraction
 * in {@code .answer}, the conversation and its limits in {@code .generate}.
 */
package dev.poet.llm;
