package com.example.legacy;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import dev.poet.api.Poet;

/** Fails transiently on a fixed pattern, so runs with and without the agent can be compared call by call. */
public class Flaky {

    private int attempts;

    /** Fails on every odd attempt with an IOException. */
    @Poet
    public String fetch(String id) throws IOException {
        attempts++;
        if (attempts % 2 == 1) {
            throw new IOException("connection reset (attempt " + attempts + ")");
        }
        return "record " + id;
    }

    /** A programming error is never retried. */
    @Poet
    public int parse(String text) {
        attempts++;
        return Integer.parseInt(text);
    }

    /** A time-out is transient too. */
    @Poet
    public String slowService(int n) throws TimeoutException {
        attempts++;
        if (attempts % 3 != 0) {
            throw new TimeoutException("timed out (attempt " + attempts + ")");
        }
        return "ok " + n;
    }

    /** Must not run twice: configured with one attempt. */
    @Poet(idempotent = false)
    public String charge(int cents) throws IOException {
        attempts++;
        throw new IOException("gateway down");
    }

    public static void main(String[] args) throws Exception {
        Flaky flaky = new Flaky();
        for (int i = 0; i < 4; i++) {
            try {
                System.out.println("fetch " + flaky.fetch("r" + i));
            } catch (IOException e) {
                System.out.println("fetch failed: " + e.getMessage());
            }
        }
        int before = flaky.attempts;
        try {
            flaky.parse("not a number");
        } catch (NumberFormatException e) {
            System.out.println("parse failed after " + (flaky.attempts - before) + " attempt(s)");
        }
        flaky.attempts = 0;
        try {
            System.out.println("slowService " + flaky.slowService(7));
        } catch (TimeoutException e) {
            System.out.println("slowService failed: " + e.getMessage());
        }
        before = flaky.attempts;
        try {
            flaky.charge(100);
        } catch (IOException e) {
            System.out.println("charge failed after " + (flaky.attempts - before) + " attempt(s): " + e.getMessage());
        }
    }
}
