package com.example.plan;

import dev.poet.api.Poet;

/** Two {@code @Poet} methods around one that is not selected, for the transformer's plan (no main: never run). */
public class Planned {

    @Poet
    public int first(int x) {
        return x + 1;
    }

    public int notSelected(int x) {
        return x;
    }

    @Poet
    public static String second(String s) {
        return s;
    }

    /** Mentions nothing of POET: the transformer leaves it alone. */
    public static class NothingSelected {
        public int plain(int x) {
            return x;
        }
    }
}
