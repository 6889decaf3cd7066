package dev.poet.sample.shop;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.poet.api.Executions;
import dev.poet.api.Poet;

/**
 * A drift check as teams write them: alert when the newest points' mean is more than a standard deviation of the
 * whole series away from its mean. It knows nothing of seasons, so every daily peak and trough alerts. This class
 * opted in with {@code @Poet}: with {@code optimizeFor = "alert_quality"} the enhancement decides
 * {@code drift_detected} from its own statistics, and Train learns those statistics' parameters from the
 * operator's labels. Each result carries the execution's id so that the alert can be labelled.
 */
public class DriftMonitor {

    static final int RECENT = 12;

    @Poet(domain = "ml_monitoring", optimizeFor = "alert_quality")
    public Map<String, Object> check(double[] series) {
        double mean = 0;
        for (double v : series) {
            mean += v;
        }
        mean /= series.length;
        double var = 0;
        for (double v : series) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / series.length);
        double recent = 0;
        for (int i = series.length - RECENT; i < series.length; i++) {
            recent += series[i];
        }
        recent /= RECENT;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drift_detected", Math.abs(recent - mean) > sd);
        out.put("recent_mean", recent);
        Executions.currentId().ifPresent(id -> out.put("execution_id", id));
        return out;
    }
}
