package com.example.legacy;

import java.io.IOException;

import dev.poet.api.Poet;

/**
 * A legacy feed whose two lookups fail transiently on every fourth attempt (rarely enough for the base domain's
 * retry budget to retry every one). Calls them for a while and reports, per
 * method, when the first call was retried (protected) counted from the first call, and how many failures still
 * reached it after that.
 */
public class QuoteFeed {

    private int quoteAttempts;
    private int rateAttempts;

    @Poet
    public String fetchQuote(String symbol) throws IOException {
        quoteAttempts++;
        if (quoteAttempts % 4 == 1) {
            throw new IOException("connection reset (quote attempt " + quoteAttempts + ")");
        }
        return "quote " + symbol;
    }

    @Poet
    public String fetchRate(String pair) throws IOException {
        rateAttempts++;
        if (rateAttempts % 4 == 1) {
            throw new IOException("connection reset (rate attempt " + rateAttempts + ")");
        }
        return "rate " + pair;
    }

    /** What one method's callers saw. */
    private static final class Seen {
        long protectedAtMs = -1;
        int failures;
        int failuresAfterProtection;
        int calls;

        void report(String name) {
            System.out.println(name + " protected-after-ms=" + protectedAtMs + " failures=" + failures
                    + " failures-after-protection=" + failuresAfterProtection + " calls=" + calls);
        }
    }

    private interface Lookup {
        void call() throws IOException;
    }

    private static void call(Seen seen, Lookup lookup, java.util.function.IntSupplier attempts, long elapsedMs) {
        int before = attempts.getAsInt();
        seen.calls++;
        try {
            lookup.call();
        } catch (IOException e) {
            seen.failures++;
            if (seen.protectedAtMs >= 0) {
                seen.failuresAfterProtection++;
            }
        }
        if (seen.protectedAtMs < 0 && attempts.getAsInt() - before >= 2) {
            seen.protectedAtMs = elapsedMs;
        }
    }

    public static void main(String[] args) throws Exception {
        long runMs = args.length > 0 ? Long.parseLong(args[0]) : 5000;
        QuoteFeed feed = new QuoteFeed();
        Seen quotes = new Seen();
        Seen rates = new Seen();
        long start = System.nanoTime();
        long elapsed = 0;
        while (elapsed < runMs) {
            elapsed = (System.nanoTime() - start) / 1_000_000;
            call(quotes, () -> feed.fetchQuote("ACME"), () -> feed.quoteAttempts, elapsed);
            call(rates, () -> feed.fetchRate("EURUSD"), () -> feed.rateAttempts, elapsed);
            Thread.sleep(10);
        }
        quotes.report("fetchQuote");
        rates.report("fetchRate");
    }
}
