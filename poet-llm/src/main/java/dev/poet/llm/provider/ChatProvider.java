package dev.poet.llm.provider;

import java.util.List;

/** A language model behind one wire protocol. Implementations are thread-safe. */
public interface ChatProvider {

    /** {@code openai}, {@code anthropic} or {@code ollama}. */
    String name();

    /** The model asked. */
    String model();

    /**
     * Sends the conversation and returns the model's reply, retrying transient failures within the budget.
     *
     * @param system   instructions for the whole conversation
     * @param messages the turns so far, alternating user and assistant, ending with a user turn
     * @throws ProviderException     when no reply came: time-out, a non-transient HTTP status, a malformed or
     *                               oversized response
     * @throws InterruptedException  when the generator thread is interrupted (the engine shuts down)
     */
    ChatAnswer chat(String system, List<ChatMessage> messages, TimeBudget budget)
            throws ProviderException, InterruptedException;
}
