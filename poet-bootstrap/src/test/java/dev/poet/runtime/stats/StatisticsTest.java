package dev.poet.runtime.stats;

import java.util.Random;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The hand-written statistics against Apache Commons Statistics and values computed by hand. */
class StatisticsTest {

    private static double[] normal(Random random, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * random.nextGaussian();
        }
        return v;
    }

    @Test
    void ksMatchesCommonsStatisticsOnSmallSamplesExactly() {
        Random random = new Random(42);
        KolmogorovSmirnovTest commons = KolmogorovSmirnovTest.withDefaults();
        for (int trial = 0; trial < 200; trial++) {
            int m = 3 + random.nextInt(60);
            int n = 3 + random.nextInt(60);
            double shift = random.nextDouble() * 1.5;
            double[] x = normal(random, m, 0, 1);
            double[] y = normal(random, n, shift, 1 + random.nextDouble());
            KolmogorovSmirnov.Result ours = KolmogorovSmirnov.test(x, y);
            KolmogorovSmirnovTest.TwoResult theirs = commons.test(x, y);
            assertThat(ours.statistic).as("D m=%d n=%d", m, n).isCloseTo(theirs.getStatistic(), within(1e-12));
            assertThat(ours.pValue).as("p m=%d n=%d D=%f", m, n, ours.statistic)
                    .isCloseTo(theirs.getPValue(), within(1e-9 + 1e-6 * theirs.getPValue()));
        }
    }

    @Test
    void ksMatchesCommonsStatisticsOnLargeSamplesAsymptotically() {
        Random random = new Random(7);
        KolmogorovSmirnovTest commons = KolmogorovSmirnovTest.withDefaults();
        for (int trial = 0; trial < 30; trial++) {
            int m = 150 + random.nextInt(400);
            int n = 150 + random.nextInt(400);
            double[] x = normal(random, m, 0, 1);
            double[] y = normal(random, n, random.nextDouble() * 0.4, 1);
            KolmogorovSmirnov.Result ours = KolmogorovSmirnov.test(x, y);
            KolmogorovSmirnovTest.TwoResult theirs = commons.test(x, y);
            assertThat(ours.statistic).isCloseTo(theirs.getStatistic(), within(1e-12));
            assertThat(ours.pValue).as("p m=%d n=%d", m, n)
                    .isCloseTo(theirs.getPValue(), within(1e-9 + 0.05 * theirs.getPValue()));
        }
    }

    @Test
    void ksStatisticOfHandComputedCase() {
        // F_x steps 1/3 at 1,2,3; F_y steps 1/2 at 2.5, 4: D = max(|2/3 - 0|, |1 - 1/2|) = 2/3.
        assertThat(KolmogorovSmirnov.statistic(new double[]{1, 2, 3}, new double[]{2.5, 4})).isCloseTo(2.0 / 3,
                within(1e-15));
        // Identical samples: D = 0, p = 1.
        KolmogorovSmirnov.Result same = KolmogorovSmirnov.test(new double[]{1, 2, 3}, new double[]{3, 2, 1});
        assertThat(same.statistic).isZero();
        assertThat(same.pValue).isEqualTo(1.0);
    }

    @Test
    void kolmogorovSurvivalKnownValues() {
        // Tabulated: Q(1.36) ≈ 0.0494, Q(1.63) ≈ 0.0098, Q(0.5) ≈ 0.9639.
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.36)).isCloseTo(0.04946, within(2e-4));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.63)).isCloseTo(0.00976, within(2e-4));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.5)).isCloseTo(0.96394, within(2e-4));
        // Both series agree where they meet.
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(Math.nextDown(1.0)))
                .isCloseTo(KolmogorovSmirnov.kolmogorovSurvival(1.0), within(1e-12));
    }

    @Test
    void psiAndKlOfHandComputedShares() {
        double[] r = {0.25, 0.25, 0.25, 0.25};
        double[] c = {0.10, 0.20, 0.30, 0.40};
        double psi = (0.10 - 0.25) * Math.log(0.10 / 0.25) + (0.20 - 0.25) * Math.log(0.20 / 0.25)
                + (0.30 - 0.25) * Math.log(0.30 / 0.25) + (0.40 - 0.25) * Math.log(0.40 / 0.25);
        double kl = 0.10 * Math.log(0.4) + 0.20 * Math.log(0.8) + 0.30 * Math.log(1.2) + 0.40 * Math.log(1.6);
        assertThat(Divergence.psi(r, c)).isCloseTo(psi, within(1e-15));
        assertThat(psi).isCloseTo(0.2282, within(1e-4));
        assertThat(Divergence.kl(r, c)).isCloseTo(kl, within(1e-15));
        assertThat(Divergence.kl(r, r)).isZero();
        assertThat(Divergence.psi(new double[]{0.5, 0.5}, new double[]{1.0, 0.0}))
                .isCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), within(1e-12));
    }

    @Test
    void binsAreReferenceQuantiles() {
        double[] reference = new double[100];
        for (int i = 0; i < 100; i++) {
            reference[i] = i + 1;
        }
        assertThat(Divergence.edges(reference, 4)).containsExactly(25, 50, 75);
        assertThat(Divergence.shares(reference, Divergence.edges(reference, 4))).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(Divergence.shares(new double[]{0, 26, 26, 1000}, new double[]{25, 50, 75}))
                .containsExactly(0.25, 0.5, 0.0, 0.25);
        assertThat(Divergence.psi(reference, reference, 10)).isZero();
    }

    @Test
    void windowsFixedSeasonalAndAdaptive() {
        double[] series = new double[100];
        for (int i = 0; i < 100; i++) {
            series[i] = i;
        }
        Windows.Split fixed = Windows.split(series, 20, 0, false, 0.002, 5);
        assertThat(fixed.current).hasSize(20).startsWith(80.0);
        assertThat(fixed.reference).hasSize(80);
        Windows.Split seasonal = Windows.split(series, 10, 30, false, 0.002, 5);
        assertThat(seasonal.method).isEqualTo("seasonal");
        assertThat(seasonal.current).startsWith(90.0).endsWith(99.0);
        assertThat(seasonal.reference).startsWith(60.0).endsWith(69.0);

        double[] shifted = new double[200];
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            shifted[i] = (i < 170 ? 0 : 5) + random.nextGaussian() * 0.1;
        }
        assertThat(Windows.adaptiveCut(shifted, 0.002)).isEqualTo(170);
        Windows.Split adaptive = Windows.split(shifted, 50, 0, true, 0.002, 5);
        assertThat(adaptive.method).isEqualTo("adaptive");
        assertThat(adaptive.current.length).isEqualTo(30);
        for (double v : adaptive.current) {
            assertThat(v).isGreaterThan(4.0);
        }
        double[] stationary = normal(new Random(5), 200, 0, 1);
        assertThat(Windows.adaptiveCut(stationary, 0.002)).isEqualTo(-1);
    }

    @Test
    void analyzerFlagsAShiftAndNotNoise() {
        Random random = new Random(11);
        DriftAnalyzer analyzer = new DriftAnalyzer(50, 0, false, 0.002, 10, 10, 0.05, 0.25);
        double[] stable = normal(random, 300, 0, 1);
        DriftReport none = analyzer.analyze(stable);
        assertThat(none.window).isEqualTo("fixed");
        assertThat(none.windowSize).isEqualTo(50);
        double[] drifting = stable.clone();
        for (int i = 250; i < 300; i++) {
            drifting[i] += 2.0;
        }
        DriftReport shift = analyzer.analyze(drifting);
        assertThat(shift.driftDetected).isTrue();
        assertThat(shift.significant).isTrue();
        assertThat(shift.score).isBetween(0.0, 1.0).isEqualTo(shift.ksStatistic);
        assertThat(shift.psi).isGreaterThan(none.psi);
        assertThat(analyzer.analyze(new double[]{1, 2, 3})).isNull();
    }
}
