/** The {@code llm_ops} domain's runtime: failure classification, output checks, prompt variants. */
package dev.poet.runtime.domain.llmops;
