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
        System.out.println("body runs " + counter.bodyRuns());
    }
}
