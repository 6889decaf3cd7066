package dev.poet.bench.domains;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trivial methods, one signature per domain, enhanced in-process by {@link DomainCostBenchmark} (never by the
 * agent: this class is not selected anywhere, so a direct call is the plain body).
 */
public class DomainTarget {

    /** financial_risk (and base): a score kept inside financial_risk's default 0..1000 range. */
    public double score(double x) {
        return x * 0.5;
    }

    /** llm_ops (and base): a "completion" long enough for llm_ops' minimum output length. */
    public String complete(String prompt) {
        return prompt.concat(" ok");
    }

    /** api_operations (and base): a small response map. */
    public Map<String, Object> status(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "200");
        return m;
    }

    /** ml_monitoring (and base): the mean, as a one-entry map. */
    public Map<String, Object> drift(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", values.length == 0 ? 0.0 : sum / values.length);
        return m;
    }
}
