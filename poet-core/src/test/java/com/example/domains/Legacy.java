package com.example.domains;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain legacy methods of varied shapes for the base transparency property test. */
public class Legacy {

    /** Pre-allocated failures, so that the same input throws the same instance, called directly or enhanced. */
    private static final Map<Integer, Exception> FAILURES = new HashMap<>();

    public static synchronized Exception failureFor(int n) {
        return FAILURES.computeIfAbsent(n, k -> k % 3 == 0 ? new IOException("io " + k)
                : k % 3 == 1 ? new IllegalArgumentException("bad " + k) : new IllegalStateException("state " + k));
    }

    public static long pure(int a, long b, double c) {
        return a * 31L + b - (long) (c * 7);
    }

    public double ratio(double a, double b) {
        return a / b;
    }

    public String throwing(int n) throws Exception {
        if (n % 5 == 0) {
            throw failureFor(n);
        }
        return "ok " + n;
    }

    public void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    public int drain(List<String> items) {
        int n = items.size();
        items.clear();
        return n;
    }

    public String maybe(String s) {
        return s == null || s.isEmpty() ? null : s.toUpperCase();
    }

    public Map<String, Object> summary(Map<String, Object> in) {
        return in;
    }
}
