package com.example.eager;

import dev.poet.api.Poet;

/**
 * Calls its own enhanced method from its static initialiser: under eager activation that call must not wait
 * (the generator may need the class), and the program must finish promptly.
 */
public class StaticInit {

    static final long INIT_START = System.nanoTime();
    static final int SEED = compute(20);
    /** A call that waited for activation here would take the whole activation time-out (60 s in the test). */
    static final boolean INIT_FAST = (System.nanoTime() - INIT_START) / 1_000_000 < 30_000;

    @Poet
    public static int compute(int x) {
        return x + 1;
    }

    public static void main(String[] args) {
        int total = SEED;
        for (int i = 0; i < 3; i++) {
            total += compute(i);
        }
        System.out.println("total " + total);
        System.out.println("init fast " + INIT_FAST);
    }
}
