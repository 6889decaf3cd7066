package dev.poet.runtime.stats;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeasonalityTest {

    @Test
    void findsTheDailyPeriodOfANoisySine() {
        Random random = new Random(5);
        double[] series = new double[240];
        for (int t = 0; t < series.length; t++) {
            series[t] = 20 + 6 * Math.sin(2 * Math.PI * t / 48) + random.nextGaussian();
        }
        assertThat(Seasonality.period(series, 120)).isBetween(46, 50);
    }

    @Test
    void aLevelShiftOrNoiseIsNoSeason() {
        Random random = new Random(9);
        double[] noise = new double[240];
        double[] shifted = new double[240];
        for (int t = 0; t < noise.length; t++) {
            noise[t] = random.nextGaussian();
            shifted[t] = (t < 120 ? 0 : 5) + random.nextGaussian();
        }
        assertThat(Seasonality.period(noise, 120)).isZero();
        assertThat(Seasonality.period(shifted, 120)).isZero();
    }

    @Test
    void aSeasonWithALevelShiftIsStillFound() {
        Random random = new Random(2);
        double[] series = new double[200];
        for (int t = 0; t < series.length; t++) {
            series[t] = 6 * Math.sin(2 * Math.PI * t / 40) + (t < 150 ? 0 : 4) + random.nextGaussian();
        }
        assertThat(Seasonality.period(series, 100)).isBetween(38, 42);
    }

    @Test
    void tooShortConstantOrBrokenSeriesHaveNone() {
        assertThat(Seasonality.period(new double[] {1, 2, 1, 2}, 10)).isZero();
        assertThat(Seasonality.period(new double[50], 25)).isZero();
        double[] broken = new double[50];
        broken[3] = Double.NaN;
        assertThat(Seasonality.period(broken, 25)).isZero();
        assertThat(Seasonality.period(null, 25)).isZero();
    }
}
