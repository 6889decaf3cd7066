package dev.poet.sample.story;

import java.util.Random;

/**
 * The monitored metric and its ground truth: a daily pattern ({@value #DAY} points a day, amplitude 6, noise with a
 * standard deviation of 0.6) whose level moves by ±{@value #SHIFT} every {@value #SHIFT_EVERY} points — the real
 * drifts, at known points. The drift monitor is asked every {@value #STEP} points about the newest
 * {@value #HISTORY} points.
 *
 * <p>A check sees a real drift when the newest level shift is 1 to {@value #REAL_AGE} points old (a level change
 * is news for two days); a check should have caught one when it is {@value #MISS_FROM} to {@value #MISS_UNTIL}
 * points old. A drift counts as missed when no check alerted while it was news.
 */
final class SeasonalStream {

    static final int DAY = 96;
    static final int HISTORY = 288;
    static final int STEP = 8;
    static final int SHIFT_EVERY = 320;
    static final double SHIFT = 4.0;
    static final int REAL_AGE = 2 * DAY;
    static final int MISS_FROM = 20;
    static final int MISS_UNTIL = 90;

    private final double[] points;
    private final int checks;

    SeasonalStream(long seed, int checks) {
        this.checks = checks;
        Random random = new Random(seed);
        points = new double[HISTORY + checks * STEP + 1];
        double level = 0;
        for (int t = 0; t < points.length; t++) {
            if (t > 0 && t % SHIFT_EVERY == 0) {
                level += (t / SHIFT_EVERY) % 2 == 1 ? SHIFT : -SHIFT;
            }
            points[t] = 20 + 6 * Math.sin(2 * Math.PI * t / DAY) + level + 0.6 * random.nextGaussian();
        }
    }

    int checks() {
        return checks;
    }

    /** The newest point check {@code i} sees is just before this one. */
    static int time(int check) {
        return HISTORY + check * STEP;
    }

    /** The points check {@code i} is asked about, oldest first. */
    double[] window(int check) {
        double[] w = new double[HISTORY];
        System.arraycopy(points, time(check) - HISTORY, w, 0, HISTORY);
        return w;
    }

    /** Points since the newest shift before check {@code i} (the shift point itself counts as one), 0 before any. */
    static int ageOfNewestShift(int check) {
        int t = time(check);
        int newest = ((t - 1) / SHIFT_EVERY) * SHIFT_EVERY;
        return newest == 0 ? 0 : t - newest;
    }

    static boolean real(int check) {
        int age = ageOfNewestShift(check);
        return age >= 1 && age <= REAL_AGE;
    }

    static boolean shouldCatch(int check) {
        int age = ageOfNewestShift(check);
        return age >= MISS_FROM && age <= MISS_UNTIL;
    }

    /** Index (1, 2, ...) of the shift check {@code i} sees, 0 before any. */
    static int shiftSeen(int check) {
        return ageOfNewestShift(check) == 0 ? 0 : (time(check) - ageOfNewestShift(check)) / SHIFT_EVERY;
    }

    /** Shifts whose whole news period falls inside the run, each with the third its first check is in. */
    int[] shiftThirds() {
        int shifts = (time(checks - 1)) / SHIFT_EVERY;
        int[] third = new int[shifts + 1];
        for (int s = 1; s <= shifts; s++) {
            int shiftAt = s * SHIFT_EVERY;
            int firstCheck = (shiftAt - HISTORY + STEP - 1) / STEP;
            third[s] = firstCheck >= 0 && shiftAt + REAL_AGE <= time(checks - 1) ? firstCheck * 3 / checks : -1;
        }
        return third;
    }
}
