package dev.poet.core.templates;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The methods a template version is tried on before it is accepted: one per bundled domain, shaped as the methods
 * that domain is written for, and a general one for any other domain. Only their signatures matter: verification
 * runs Perceive and Enforce on sample values and never the bodies.
 */
public class SampleMethods {

    private static final String GENERAL = "summarize";
    private static final Map<String, String> BY_DOMAIN = Map.of(
            "base", GENERAL,
            "ml_monitoring", "detectDrift",
            "api_operations", "getOrder",
            "financial_risk", "creditScore",
            "llm_ops", "complete");

    /** A general method: text, a count, numbers in, a map out. */
    public Map<String, Object> summarize(String id, int count, double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("count", count);
        out.put("values", values == null ? 0 : values.length);
        return out;
    }

    /** A monitoring method: a series in, a verdict map out. */
    public Map<String, Object> detectDrift(double[] series) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drift_detected", series != null && series.length > 1 && series[0] != series[series.length - 1]);
        return out;
    }

    /** An API call: an id in, a response map out, I/O failures declared. */
    public Map<String, Object> getOrder(String id) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", 200);
        out.put("id", id);
        return out;
    }

    /** A risk calculation: an income and a rate in, a score out. */
    public double creditScore(double income, double rate) {
        return Math.min(850, income / 1000 + rate);
    }

    /** A model call: a prompt in, text out, I/O failures declared. */
    public String complete(String prompt) throws IOException {
        return "answer to " + prompt;
    }

    /** The sample method for {@code domain}: its own when it has one, else the general one. */
    public static Method forDomain(String domain) {
        String name = BY_DOMAIN.getOrDefault(domain, GENERAL);
        for (Method m : SampleMethods.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalStateException("no sample method " + name);
    }
}
