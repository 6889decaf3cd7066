package dev.poet.llm.provider;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role    {@code user} or {@code assistant} (the system prompt is passed separately: Anthropic wants it
 *                outside the messages)
 * @param content the text
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
