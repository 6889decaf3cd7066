package com.example.legacy;

import java.util.ArrayList;
import java.util.List;

/** A legacy class with no POET dependency: selected through configuration only. */
public class Counter {

    private int bodyRuns;

    public String label(String prefix, int n) {
        bodyRuns++;
        return prefix + "-" + n;
    }

    /** A nested class, selected in configuration by its binary name {@code Counter$Formatter}. */
    public static class Formatter {
        public String format(int n) {
            return "#" + n;
        }
    }

    public int bodyRuns() {
        return bodyRuns;
    }

    public static void main(String[] args) {
        Counter counter = new Counter();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(counter.label("item", i));
        }
        System.out.println(out);
        System.out.println(new Formatter().format(7));
        System.out.println("body runs " + counter.bodyRuns());
        // A short-lived application may exit before a background generation even starts; tests of that
        // generation keep the JVM up a little (-Dcounter.linger-ms).
        long linger = Long.getLong("counter.linger-ms", 0L);
        if (linger > 0) {
            try {
                Thread.sleep(linger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
