package dev.poet.bench.janino;

import java.util.List;
import java.util.Map;

/** The instrumented class whose base enhancement unit the Janino benchmark compiles: varied signatures. */
public class JaninoSubject {

    public int add(int a, int b) {
        return a + b;
    }

    public String greet(String name) {
        return "hello " + name;
    }

    public double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? 0 : s / values.length;
    }

    public void log(String message, Object detail) {
    }

    public long count(List<String> items) {
        return items.size();
    }

    public Map<String, Integer> index(List<String> items, boolean upper) {
        return Map.of();
    }

    public boolean valid(String code, int min, int max) {
        return code.length() >= min && code.length() <= max;
    }

    public Object lookup(Object key) {
        return key;
    }
}
