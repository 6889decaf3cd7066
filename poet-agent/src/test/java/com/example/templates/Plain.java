package com.example.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/** A class the {@code generate} command builds enhancements for without running it. */
public class Plain {

    static {
        // The command loads classes without initialising them: this must never print.
        System.out.println("Plain initialised");
    }

    public Map<String, Object> quote(String sku, double[] prices) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        out.put("n", prices == null ? 0 : prices.length);
        return out;
    }

    public int twice(int x) {
        return 2 * x;
    }

    public int twice(long x) {
        return (int) (2 * x);
    }
}
