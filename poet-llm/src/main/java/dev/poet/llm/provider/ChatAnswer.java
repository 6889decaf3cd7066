package dev.poet.llm.provider;

/**
 * The text of one answer.
 *
 * @param text     the model's reply, at most {@code poet.llm.max-answer-chars} long
 * @param attempts HTTP requests it took (1 without retries)
 */
public record ChatAnswer(String text, int attempts) {
}
