package com.example.train;

/** A model call that answers at once and remembers the prompt it was given. */
public class PromptedModel {

    public volatile String lastPrompt;

    public String complete(String prompt) {
        lastPrompt = prompt;
        return "answer to " + prompt;
    }
}
