package com.example.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import dev.poet.api.Poet;

/**
 * A service for the dashboard's browser test. {@link #quote} fails for every fifth input with an
 * {@link IOException}; {@link #lookup} never fails. Makes the calls its first argument says, prints {@code ready},
 * then runs commands from stdin until it closes: {@code call <n>} makes {@code n} more calls of each and prints
 * {@code called <n>}; {@code hostile} calls {@code quote(}{@value #HOSTILE_INPUT}{@code )}, whose result the test's
 * enhancement answers by failing with {@link #HOSTILE} as its message, and prints {@code hostile called}.
 */
public final class DashboardApp {

    /** Would run if the dashboard put it into markup instead of text. */
    public static final String HOSTILE = "<script>window.__poetXss='script'</script>"
            + "<img src=x onerror=\"window.__poetXss='img'\">";
    /** No loop reaches it; its result is {@code 3000009}. */
    public static final int HOSTILE_INPUT = 1_000_003;

    @Poet
    public static int quote(int x) throws IOException {
        if (x % 5 == 0 && x != HOSTILE_INPUT) {
            throw new IOException(HOSTILE + " for " + x);
        }
        return x * 3;
    }

    @Poet
    public static String lookup(String s) {
        return s.toUpperCase();
    }

    public static void main(String[] args) throws Exception {
        int next = 1;
        next = calls(next, args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("hostile")) {
                quote(HOSTILE_INPUT);
                System.out.println("hostile called");
            } else if (line.startsWith("call ")) {
                int n = Integer.parseInt(line.substring(5).trim());
                next = calls(next, n);
                System.out.println("called " + n);
            }
        }
    }

    private static int calls(int from, int n) {
        // One loop each: strictly alternating calls could always leave the same method out of the one call in
        // sixteen that is timed precisely.
        for (int i = from; i < from + n; i++) {
            try {
                quote(i);
            } catch (IOException expected) {
                // Every fifth call fails by design.
            }
        }
        for (int i = from; i < from + n; i++) {
            lookup("k" + i);
        }
        return from + n;
    }
}
