package dev.poet.runtime.stats;

/**
 * The dominant period of a series, from its autocorrelation: after the autocorrelation first falls below zero
 * (the series has left its own phase), the lag at which it is highest, when that is at least
 * {@link #MIN_AUTOCORRELATION}. Looking only past the first zero crossing keeps the short-lag correlation every
 * smooth or noisy series has from passing for a season; a level shift adds correlation at every lag but does not
 * make a peak.
 */
public final class Seasonality {

    /** Autocorrelation at the period's lag below which the series is said to have no season. */
    public static final double MIN_AUTOCORRELATION = 0.5;

    private Seasonality() {
    }

    /**
     * @param series oldest first; non-finite values make the answer 0
     * @param maxLag the longest period looked for; at most half the series is used, so each lag has as many
     *               pairs as the period has points
     * @return the period in points (at least 2), or 0 when the series has no clear season
     */
    public static int period(double[] series, int maxLag) {
        if (series == null || series.length < 8) {
            return 0;
        }
        int n = series.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double v = series[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return 0;
            }
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            d[i] = series[i] - mean;
            var += d[i] * d[i];
        }
        if (var == 0) {
            return 0;
        }
        int limit = Math.min(maxLag, n / 2);
        int lag = 1;
        while (lag <= limit && autocorrelation(d, lag, var) >= 0) {
            lag++;
        }
        int best = 0;
        double highest = MIN_AUTOCORRELATION;
        for (; lag <= limit; lag++) {
            double r = autocorrelation(d, lag, var);
            if (r >= highest) {
                highest = r;
                best = lag;
            }
        }
        return best >= 2 ? best : 0;
    }

    private static double autocorrelation(double[] centred, int lag, double variance) {
        double sum = 0;
        for (int i = lag; i < centred.length; i++) {
            sum += centred[i] * centred[i - lag];
        }
        // Scaled by the pairs present, so a long lag is not penalised for having fewer of them.
        return sum / (centred.length - lag) / (variance / centred.length);
    }
}
