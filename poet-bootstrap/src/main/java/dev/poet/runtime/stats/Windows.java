package dev.poet.runtime.stats;

import java.util.Arrays;

/**
 * How a single series is split into a reference and a current window.
 *
 * <ul>
 *   <li><b>Fixed</b>: the newest {@code windowSize} points are the current window; everything before them is the
 *       reference.</li>
 *   <li><b>Seasonal</b> ({@code seasonLength > 0} and the series holds at least {@code windowSize + seasonLength}
 *       points): the reference is the same phase of the previous season, i.e. the {@code windowSize} points that
 *       end exactly {@code seasonLength} points before the newest one. A weekly pattern is then not mistaken for
 *       drift.</li>
 *   <li><b>Adaptive</b> ({@link #adaptiveCut}): a simplified ADWIN (Bifet &amp; Gavaldà, 2007). Every split of the
 *       series into an older and a newer part is tested; the split is a change point when the two parts' means
 *       (values scaled to [0, 1] by the series' range) differ by more than
 *       {@code ε = sqrt(ln(4 n / δ) / (2 m))}, {@code m} the harmonic mean of the two sizes. Of the splits that pass,
 *       the one with the largest margin over {@code ε} is the change point; it shrinks the current window to the
 *       points after it, when that leaves at least {@code minSize} points;
 *       the reference stays the points before the current window.</li>
 * </ul>
 */
public final class Windows {

    private Windows() {
    }

    /** Reference and current window of one series. */
    public static final class Split {
        public final double[] reference;
        public final double[] current;
        /** {@code fixed}, {@code seasonal}, {@code adaptive} or {@code two-samples}. */
        public final String method;

        public Split(double[] reference, double[] current, String method) {
            this.reference = reference;
            this.current = current;
            this.method = method;
        }
    }

    /**
     * Splits {@code series} (oldest first).
     *
     * @param windowSize   size of the current window; at most half the series is used when it is larger
     * @param seasonLength 0 for none
     * @param adaptive     whether to shrink the window to the newest change point
     * @param delta        ADWIN confidence, e.g. 0.002
     * @param minSize      smallest window an adaptive cut may leave
     */
    public static Split split(double[] series, int windowSize, int seasonLength, boolean adaptive, double delta,
                              int minSize) {
        int n = series.length;
        int w = Math.max(1, Math.min(windowSize, n / 2));
        if (n < 2) {
            return new Split(new double[0], series.clone(), "fixed");
        }
        if (seasonLength > 0 && n >= w + seasonLength) {
            int end = n - seasonLength;
            return new Split(Arrays.copyOfRange(series, end - w, end), Arrays.copyOfRange(series, n - w, n),
                    "seasonal");
        }
        if (adaptive) {
            int cut = adaptiveCut(series, delta);
            if (cut > 0 && n - cut >= Math.max(1, minSize) && n - cut < w) {
                return new Split(Arrays.copyOfRange(series, 0, cut), Arrays.copyOfRange(series, cut, n), "adaptive");
            }
        }
        return new Split(Arrays.copyOfRange(series, 0, n - w), Arrays.copyOfRange(series, n - w, n), "fixed");
    }

    /**
     * The index of the change point (the first index of the newer part: the passing split with the largest margin
     * over the ADWIN bound), or -1 when no split passes.
     */
    public static int adaptiveCut(double[] series, double delta) {
        int n = series.length;
        if (n < 4) {
            return -1;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : series) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (!(range > 0)) {
            return -1;
        }
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + (series[i] - min) / range;
        }
        double d = delta > 0 && delta < 1 ? delta : 0.002;
        double logTerm = Math.log(4.0 * n / d);
        int best = -1;
        double bestMargin = 0.0;
        for (int cut = n - 2; cut >= 2; cut--) {
            int n0 = cut;
            int n1 = n - cut;
            double mean0 = prefix[cut] / n0;
            double mean1 = (prefix[n] - prefix[cut]) / n1;
            double m = 1.0 / (1.0 / n0 + 1.0 / n1);
            double epsilon = Math.sqrt(logTerm / (2.0 * m));
            double margin = Math.abs(mean0 - mean1) - epsilon;
            if (margin > bestMargin) {
                bestMargin = margin;
                best = cut;
            }
        }
        return best;
    }
}
