package dev.poet.llm.prompt;

/**
 * A prompt ready to send.
 *
 * @param system instructions for the whole conversation
 * @param user   the first user turn: this method's request
 * @param hash   SHA-256 hex of both, for provenance
 */
public record Prompt(String system, String user, String hash) {
}
