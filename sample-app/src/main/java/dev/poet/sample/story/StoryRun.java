package dev.poet.sample.story;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.poet.sample.shop.DriftMonitor;
import dev.poet.sample.shop.LoanScorer;
import dev.poet.sample.shop.PriceFeed;
import dev.poet.sample.shop.QuoteService;

/**
 * One run of the story, in a JVM of its own (started by {@link dev.poet.sample.SampleService}, with or without the
 * agent): a quote client calling the quote API, a loan desk sending applications to the scorer, and a drift check of
 * the seasonal metric every tick, labelled by the operator. What the callers saw and what the ground truth says is
 * written, per third of the run, to the {@code --out} file as properties.
 *
 * <p>Arguments: {@code --out FILE} (required), {@code --checks N} (480), {@code --tick-ms MS} (0 = as fast as it
 * goes; the with-agent run is paced so Train learns during it), {@code --quotes N} (600), {@code --seed N} (2),
 * {@code --label} (the operator labels through {@code poet.home/http.address}), {@code --hold} (after writing the
 * results, keep running until standard input ends or a line arrives, so the dashboard stays up).
 */
public final class StoryRun {

    private StoryRun() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        int checks = 480;
        long tickMs = 0;
        int quotes = 600;
        long seed = 2;
        boolean label = false;
        boolean hold = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Paths.get(args[++i]);
                case "--checks" -> checks = Integer.parseInt(args[++i]);
                case "--tick-ms" -> tickMs = Long.parseLong(args[++i]);
                case "--quotes" -> quotes = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--label" -> label = true;
                case "--hold" -> hold = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        Operator operator = label
                ? Operator.forHome(Paths.get(System.getProperty("poet.home", ".poet")), 30_000)
                : Operator.silent();
        Properties result = new StoryRun.Run(checks, tickMs, quotes, seed, operator).run();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            result.store(o, "sample story, ground truth per third");
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("[story] results in " + out);
        if (hold) {
            System.out.println("[story] holding until standard input ends");
            while (true) {
                int c = System.in.read();
                if (c < 0 || c == '\n') {
                    break;
                }
            }
        }
    }

    /** The three workloads of one run and their ground-truth tallies. */
    static final class Run {
        private final int checks;
        private final long tickMs;
        private final int quotes;
        private final long seed;
        private final Operator operator;
        private final Properties p = new Properties();

        Run(int checks, long tickMs, int quotes, long seed, Operator operator) {
            this.checks = checks;
            this.tickMs = tickMs;
            this.quotes = quotes;
            this.seed = seed;
            this.operator = operator;
        }

        Properties run() throws Exception {
            QuoteService quoteApi = new QuoteService(new PriceFeed(seed));
            List<LoanScorer.Scored> ledger = new ArrayList<>();
            LoanScorer scorer = new LoanScorer(ledger);
            DriftMonitor monitor = new DriftMonitor();
            SeasonalStream stream = new SeasonalStream(seed, checks);
            warmUp(quoteApi, scorer, monitor, stream, ledger);

            long start = System.nanoTime();
            long runNanos = TimeUnit.MILLISECONDS.toNanos(tickMs) * checks;
            Thread quoting = new Thread(() -> quotes(quoteApi, start, runNanos), "quote-client");
            quoting.start();
            drift(monitor, scorer, ledger, stream, start);
            quoting.join();
            p.setProperty("run.seconds", String.format("%.1f", (System.nanoTime() - start) / 1e9));
            p.setProperty("run.checks", Integer.toString(checks));
            p.setProperty("run.tick_ms", Long.toString(tickMs));
            p.setProperty("run.seed", Long.toString(seed));
            return p;
        }

        /** The service starts: one call of each, so that start-up costs are not counted as the callers' wait. */
        private static void warmUp(QuoteService quoteApi, LoanScorer scorer, DriftMonitor monitor,
                                   SeasonalStream stream, List<LoanScorer.Scored> ledger) {
            for (int i = 0; i < 3; i++) {
                try {
                    quoteApi.quote("SKU-WARM", 1);
                } catch (IOException | RuntimeException ignored) {
                    // a start-up call; its outcome is not part of the story
                }
            }
            scorer.score(60_000, 5.0, 700, 100_000);
            monitor.check(stream.window(0));
            synchronized (ledger) {
                ledger.clear();
            }
        }

        private void quotes(QuoteService quoteApi, long start, long runNanos) {
            int[] calls = new int[3];
            int[] transientFailures = new int[3];
            int[] otherFailures = new int[3];
            List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            Random skus = new Random(seed + 1);
            for (int i = 0; i < quotes; i++) {
                waitUntil(start + runNanos * i / quotes);
                int third = i * 3 / quotes;
                String sku = "SKU-" + (1000 + skus.nextInt(400));
                long t0 = System.nanoTime();
                try {
                    quoteApi.quote(sku, 1 + skus.nextInt(5));
                } catch (IOException e) {
                    transientFailures[third]++;
                } catch (RuntimeException e) {
                    otherFailures[third]++;
                }
                latencies.get(third).add(System.nanoTime() - t0);
                calls[third]++;
            }
            List<Long> all = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String k = "." + (t + 1);
                p.setProperty("quotes.calls" + k, Integer.toString(calls[t]));
                p.setProperty("quotes.transient_failures" + k, Integer.toString(transientFailures[t]));
                p.setProperty("quotes.other_failures" + k, Integer.toString(otherFailures[t]));
                p.setProperty("quotes.p99_ms" + k, String.format("%.1f", p99(latencies.get(t))));
                all.addAll(latencies.get(t));
            }
            p.setProperty("quotes.p99_ms.all", String.format("%.1f", p99(all)));
        }

        private void drift(DriftMonitor monitor, LoanScorer scorer, List<LoanScorer.Scored> ledger,
                           SeasonalStream stream, long start) {
            int[] alerts = new int[3];
            int[] falseAlerts = new int[3];
            int[] missedChecks = new int[3];
            int[] driftChecks = new int[3];
            int[] originalAlerts = new int[3];
            int[] originalFalse = new int[3];
            int[] shiftThird = stream.shiftThirds();
            boolean[] caught = new boolean[shiftThird.length];
            Loans loans = new Loans(seed + 2);
            for (int i = 0; i < checks; i++) {
                waitUntil(start + TimeUnit.MILLISECONDS.toNanos(tickMs) * i);
                if (i % 2 == 0) {
                    loans.apply(scorer, ledger);
                }
                int third = i * 3 / checks;
                boolean real = SeasonalStream.real(i);
                boolean shouldCatch = SeasonalStream.shouldCatch(i);
                Map<String, Object> r = monitor.check(stream.window(i));
                boolean alerted = Boolean.TRUE.equals(r.get("drift_detected"));
                Object own = r.getOrDefault("original_drift_detected", r.get("drift_detected"));
                if (Boolean.TRUE.equals(own)) {
                    originalAlerts[third]++;
                    if (!real) {
                        originalFalse[third]++;
                    }
                }
                if (shouldCatch) {
                    driftChecks[third]++;
                }
                String id = r.get("execution_id") instanceof String s ? s : null;
                if (alerted) {
                    alerts[third]++;
                    if (real) {
                        caught[SeasonalStream.shiftSeen(i)] = true;
                    } else {
                        falseAlerts[third]++;
                    }
                    operator.label(id, true, real);
                } else if (shouldCatch) {
                    missedChecks[third]++;
                    operator.label(id, false, true);
                }
            }
            int[] drifts = new int[3];
            int[] missedDrifts = new int[3];
            for (int s = 1; s < shiftThird.length; s++) {
                if (shiftThird[s] >= 0) {
                    drifts[shiftThird[s]]++;
                    if (!caught[s]) {
                        missedDrifts[shiftThird[s]]++;
                    }
                }
            }
            for (int t = 0; t < 3; t++) {
                String k = "." + (t + 1);
                p.setProperty("drift.alerts" + k, Integer.toString(alerts[t]));
                p.setProperty("drift.false_alerts" + k, Integer.toString(falseAlerts[t]));
                p.setProperty("drift.checks_that_missed" + k, Integer.toString(missedChecks[t]));
                p.setProperty("drift.checks_that_should_catch" + k, Integer.toString(driftChecks[t]));
                p.setProperty("drift.drifts" + k, Integer.toString(drifts[t]));
                p.setProperty("drift.drifts_without_alert" + k, Integer.toString(missedDrifts[t]));
                p.setProperty("drift.method_alone_alerts" + k, Integer.toString(originalAlerts[t]));
                p.setProperty("drift.method_alone_false_alerts" + k, Integer.toString(originalFalse[t]));
            }
            p.setProperty("feedback.sent", Integer.toString(operator.sent()));
            p.setProperty("feedback.refused", Integer.toString(operator.refused()));
            p.setProperty("feedback.last_refusal", operator.lastRefusal());
            loans.into(p);
        }
    }

    /**
     * The loan desk: applications from a seeded stream, some impossible — a sign error in the income, a rate
     * typed as 450 for 4.50, a credit score of 1200 from a bureau that changed its scale.
     */
    static final class Loans {
        private final Random random;
        private int applications;
        private int impossibleSent;
        private int impossibleScored;
        private int rejected;
        private int repaired;
        private int scored;

        Loans(long seed) {
            this.random = new Random(seed);
        }

        void apply(LoanScorer scorer, List<LoanScorer.Scored> ledger) {
            double income = 30_000 + random.nextInt(120_000);
            double rate = 3 + random.nextInt(900) / 100.0;
            int credit = 300 + random.nextInt(551);
            double amount = 10_000 + random.nextInt(290_000);
            int kind = random.nextInt(100);
            if (kind < 6) {
                income = -income;
            } else if (kind < 11) {
                rate = rate * 100;
            } else if (kind < 15) {
                credit = 1200;
            }
            boolean impossible = impossible(income, rate, credit);
            applications++;
            if (impossible) {
                impossibleSent++;
            }
            int before;
            synchronized (ledger) {
                before = ledger.size();
            }
            try {
                scorer.score(income, rate, credit, amount);
            } catch (IllegalArgumentException refused) {
                if (impossible) {
                    rejected++;
                }
            }
            synchronized (ledger) {
                for (int i = before; i < ledger.size(); i++) {
                    LoanScorer.Scored s = ledger.get(i);
                    scored++;
                    if (impossible(s.annualIncome(), s.interestRatePercent(), s.creditScore())) {
                        impossibleScored++;
                    } else if (impossible) {
                        repaired++;
                    }
                }
            }
        }

        static boolean impossible(double income, double rate, int credit) {
            return income < 0 || rate < 0 || rate > 100 || credit < 0 || credit > 1000;
        }

        void into(Properties p) {
            p.setProperty("loans.applications", Integer.toString(applications));
            p.setProperty("loans.scored", Integer.toString(scored));
            p.setProperty("loans.impossible_sent", Integer.toString(impossibleSent));
            p.setProperty("loans.impossible_scored", Integer.toString(impossibleScored));
            p.setProperty("loans.impossible_rejected", Integer.toString(rejected));
            p.setProperty("loans.impossible_repaired", Integer.toString(repaired));
        }
    }

    static double p99(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return 0;
        }
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        int idx = (int) Math.ceil(0.99 * a.length) - 1;
        return a[Math.max(0, idx)] / 1e6;
    }

    static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
