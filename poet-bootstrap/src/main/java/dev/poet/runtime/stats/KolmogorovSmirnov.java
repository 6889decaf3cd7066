package dev.poet.runtime.stats;

import java.util.Arrays;

/**
 * The two-sample, two-sided Kolmogorov–Smirnov test: {@code D = sup |F_x(t) - F_y(t)|} and the probability of a
 * statistic at least as large under the hypothesis that both samples come from one continuous distribution.
 *
 * <p>The p-value is exact (counting monotone lattice paths, Hodges 1958) when {@code m * n <= }
 * {@value #EXACT_LIMIT} (the split Commons Statistics makes by default), otherwise the Kolmogorov distribution at
 * Stephens' (1970) finite-sample corrected {@code (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * D}, {@code ne = mn / (m + n)}:
 * within 5% (relative) of Commons Statistics' finite-sample computation in our tests, where the uncorrected
 * limit is up to 30% off. Ties are handled in {@code D} (equal values step together); the
 * exact p-value then treats the samples as tie-free, which makes it conservative. NaN values must be removed
 * first. Stateless; allocation is two sorted copies.
 */
public final class KolmogorovSmirnov {

    /** Largest {@code m * n} for which the exact p-value is computed. */
    public static final long EXACT_LIMIT = 10_000;

    private KolmogorovSmirnov() {
    }

    /** The result of one test. */
    public static final class Result {
        public final double statistic;
        public final double pValue;

        Result(double statistic, double pValue) {
            this.statistic = statistic;
            this.pValue = pValue;
        }

        @Override
        public String toString() {
            return "KS{D=" + statistic + ", p=" + pValue + '}';
        }
    }

    /** The statistic and p-value; both samples need at least one value. */
    public static Result test(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        long dScaled = scaledStatistic(x, y);
        double d = (double) dScaled / ((long) m * n);
        double p = (long) m * n <= EXACT_LIMIT ? exactP(dScaled, m, n) : asymptoticP(d, m, n);
        return new Result(d, Math.max(0.0, Math.min(1.0, p)));
    }

    /** The statistic alone. */
    public static double statistic(double[] x, double[] y) {
        return (double) scaledStatistic(x, y) / ((long) x.length * y.length);
    }

    /** {@code D * m * n}, an integer: the largest {@code |i n - j m|} on the merged walk through both samples. */
    static long scaledStatistic(double[] x, double[] y) {
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int m = a.length;
        int n = b.length;
        int i = 0;
        int j = 0;
        long max = 0;
        while (i < m && j < n) {
            double t = Math.min(a[i], b[j]);
            while (i < m && a[i] == t) {
                i++;
            }
            while (j < n && b[j] == t) {
                j++;
            }
            max = Math.max(max, Math.abs((long) i * n - (long) j * m));
        }
        return max;
    }

    /**
     * {@code P(D >= d)}: one minus the share of the {@code C(m+n, m)} lattice paths that stay strictly within
     * {@code |i n - j m| < dScaled}. Path shares are propagated as probabilities, so nothing overflows.
     */
    static double exactP(long dScaled, int m, int n) {
        if (dScaled <= 0) {
            return 1.0;
        }
        double[] u = new double[n + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                if (Math.abs((long) i * n - (long) j * m) >= dScaled) {
                    u[j] = 0.0;
                } else if (i == 0 && j == 0) {
                    u[j] = 1.0;
                } else {
                    double fromLeft = i > 0 ? u[j] * i / (i + j) : 0.0;
                    double fromBelow = j > 0 ? u[j - 1] * j / (i + j) : 0.0;
                    u[j] = fromLeft + fromBelow;
                }
            }
        }
        return 1.0 - u[n];
    }

    static double asymptoticP(double d, int m, int n) {
        double sqrtNe = Math.sqrt((double) m * n / (m + n));
        return kolmogorovSurvival((sqrtNe + 0.12 + 0.11 / sqrtNe) * d);
    }

    /**
     * {@code Q(λ) = 2 Σ (-1)^(k-1) exp(-2 k² λ²)}; for small λ the equivalent theta-function form
     * {@code 1 - sqrt(2π)/λ Σ exp(-(2k-1)² π² / (8 λ²))}, which converges there.
     */
    public static double kolmogorovSurvival(double lambda) {
        if (!(lambda > 0)) {
            return 1.0;
        }
        if (lambda < 1.0) {
            double sum = 0.0;
            double f = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (int k = 1; k <= 20; k++) {
                int odd = 2 * k - 1;
                sum += Math.exp(odd * odd * f);
            }
            return 1.0 - Math.sqrt(2 * Math.PI) / lambda * sum;
        }
        double sum = 0.0;
        double sign = 1.0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += sign * term;
            if (term < 1e-17) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0.0, Math.min(1.0, 2 * sum));
    }
}
