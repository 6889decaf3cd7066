package com.example.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A legacy drift check as teams write them: alert when the newest points' mean is more than two standard
 * deviations of the whole series away from its mean. It knows nothing of seasons, so every daily peak alerts.
 */
public class LegacyDriftMonitor {

    public static final int RECENT = 12;

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
        out.put("drift_detected", Math.abs(recent - mean) > 1.0 * sd);
        out.put("recent_mean", recent);
        return out;
    }
}
