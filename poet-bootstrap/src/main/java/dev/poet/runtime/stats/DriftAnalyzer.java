package dev.poet.runtime.stats;

/**
 * Computes a {@link DriftReport} from either two samples (reference, current) or one series split by
 * {@link Windows}. Immutable and thread-safe.
 */
public final class DriftAnalyzer {

    private final int windowSize;
    private final int seasonLength;
    private final boolean adaptive;
    private final double adwinDelta;
    private final int minSamples;
    private final int bins;
    private final double significance;
    private final double psiThreshold;

    /**
     * @param windowSize   newest points compared against the reference
     * @param seasonLength 0 for none
     * @param adaptive     adaptive windowing (see {@link Windows})
     * @param adwinDelta   ADWIN confidence
     * @param minSamples   smallest sample either side; below it no report is computed
     * @param bins         bins for PSI and KL
     * @param significance KS significance level
     * @param psiThreshold PSI above which drift is flagged even when KS is not significant
     */
    public DriftAnalyzer(int windowSize, int seasonLength, boolean adaptive, double adwinDelta, int minSamples,
                         int bins, double significance, double psiThreshold) {
        this.windowSize = Math.max(1, windowSize);
        this.seasonLength = Math.max(0, seasonLength);
        this.adaptive = adaptive;
        this.adwinDelta = adwinDelta;
        this.minSamples = Math.max(1, minSamples);
        this.bins = Math.max(2, bins);
        this.significance = significance;
        this.psiThreshold = psiThreshold;
    }

    /** The report of one series, or {@code null} when either window is smaller than {@code minSamples}. */
    public DriftReport analyze(double[] series) {
        Windows.Split split = Windows.split(series, windowSize, seasonLength, adaptive, adwinDelta, minSamples);
        return analyze(split);
    }

    /** The report of two samples, or {@code null} when either is smaller than {@code minSamples}. */
    public DriftReport analyze(double[] reference, double[] current) {
        return analyze(new Windows.Split(reference, current, "two-samples"));
    }

    private DriftReport analyze(Windows.Split split) {
        if (split.reference.length < minSamples || split.current.length < minSamples) {
            return null;
        }
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(split.reference, split.current);
        double[] edges = Divergence.edges(split.reference, bins);
        double[] r = Divergence.shares(split.reference, edges);
        double[] c = Divergence.shares(split.current, edges);
        return new DriftReport(ks, Divergence.psi(r, c), Divergence.kl(r, c), split, significance, psiThreshold);
    }

    public int minSamples() {
        return minSamples;
    }
}
