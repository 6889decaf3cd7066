package dev.poet.runtime.stats;

import java.util.Arrays;

/**
 * Binned comparisons of a current sample against a reference: the population stability index and the
 * Kullback–Leibler divergence.
 *
 * <p>Bins: {@code bins} equal-frequency bins of the reference (cut at its quantiles {@code k / bins}, the lower
 * order statistic), open at both ends, so every value of either sample falls in one. A bin share of zero is
 * replaced by {@value #EPSILON} (the usual PSI convention) so that both measures stay finite.
 * <ul>
 *   <li>PSI {@code = Σ (c_i - r_i) ln(c_i / r_i)} (symmetric; below 0.1 stable, 0.1–0.25 moderate, above 0.25
 *       significant shift).</li>
 *   <li>KL {@code = D(current || reference) = Σ c_i ln(c_i / r_i)}, in nats.</li>
 * </ul>
 */
public final class Divergence {

    /** Share used for an empty bin. */
    public static final double EPSILON = 1e-4;

    private Divergence() {
    }

    /** The upper bin edges (excluding +∞) at the reference's quantiles; duplicates collapsed. */
    public static double[] edges(double[] reference, int bins) {
        if (reference.length == 0 || bins < 2) {
            return new double[0];
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int k = 1; k < bins; k++) {
            int index = (int) Math.floor((double) k * sorted.length / bins);
            double edge = sorted[Math.min(sorted.length - 1, Math.max(0, index - 1))];
            if (count == 0 || edge > edges[count - 1]) {
                edges[count++] = edge;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    /** The share of {@code values} in each bin: bin {@code i} holds values in {@code (edges[i-1], edges[i]]}. */
    public static double[] shares(double[] values, double[] edges) {
        double[] shares = new double[edges.length + 1];
        for (double v : values) {
            int bin = Arrays.binarySearch(edges, v);
            if (bin < 0) {
                bin = -bin - 1;
            }
            shares[bin] += 1.0;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] = values.length == 0 ? 0.0 : shares[i] / values.length;
        }
        return shares;
    }

    /** Population stability index of {@code current} against {@code reference}. */
    public static double psi(double[] reference, double[] current, int bins) {
        double[] edges = edges(reference, bins);
        return psi(shares(reference, edges), shares(current, edges));
    }

    /** PSI of two share vectors of the same length. */
    public static double psi(double[] referenceShares, double[] currentShares) {
        double sum = 0.0;
        for (int i = 0; i < referenceShares.length; i++) {
            double r = Math.max(referenceShares[i], EPSILON);
            double c = Math.max(currentShares[i], EPSILON);
            sum += (c - r) * Math.log(c / r);
        }
        return sum;
    }

    /** KL divergence {@code D(current || reference)} over the reference's quantile bins, in nats. */
    public static double kl(double[] reference, double[] current, int bins) {
        double[] edges = edges(reference, bins);
        return kl(shares(reference, edges), shares(current, edges));
    }

    /** KL divergence of two share vectors of the same length, empty bins smoothed to {@link #EPSILON}. */
    public static double kl(double[] referenceShares, double[] currentShares) {
        double sum = 0.0;
        for (int i = 0; i < referenceShares.length; i++) {
            double r = Math.max(referenceShares[i], EPSILON);
            double c = currentShares[i];
            if (c > 0) {
                sum += c * Math.log(c / r);
            }
        }
        return Math.max(0.0, sum);
    }
}
