/**
 * Enhancement generators backed by a language model. Not built yet: {@code poet.generator=llm} falls back to the
 * template generator with one log line.
 */
package dev.poet.llm;
