package com.example.templates;

import dev.poet.api.Poet;

/** Loaded only when {@link TemplatesApp} is told to; its method is in the base domain. */
public final class LateScorer {

    private LateScorer() {
    }

    @Poet
    public static int score(String name, int weight) {
        return name.length() * weight;
    }
}
