package com.example.events;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.poet.api.Executions;
import dev.poet.api.FeedbackResult;
import dev.poet.api.Poet;
import dev.poet.api.PoetFeedback;

/**
 * A service whose calls are recorded: {@link #work} has {@code optimizeFor}, so every execution is written; the
 * body learns its own execution id through the facade, as an application that hands ids to an alerting system
 * would. Modes (first argument):
 * <ul>
 *   <li>{@code load <threads>}: calls {@code work} on that many threads until stdin closes or the JVM is killed;
 *       prints {@code ready}, then every 200th call {@code exec <id> <epoch ms when it returned>};</li>
 *   <li>{@code threads <threads> <calls each>}: that many calls, then {@code calls <n> recorded <m>} and exits;</li>
 *   <li>{@code serve}: three calls, {@code exec <id>} each, {@code ready}, then waits for stdin to close;</li>
 *   <li>{@code facade [without-agent]}: the facade outside a call, inside one, inside one on a deadline worker, and feedback
 *       submitted through it.</li>
 * </ul>
 */
public final class EventsApp {

    private static final ThreadLocal<String> SEEN = new ThreadLocal<>();

    @Poet(optimizeFor = "latency")
    public static int work(int x) {
        SEEN.set(Executions.currentId().orElse(null));
        return x * 2;
    }

    /** Runs its body on a deadline worker: a user-set timeout is enforced on another thread. */
    @Poet(timeoutMs = 5000)
    public static String onWorker(String tag) {
        return tag + ":" + Executions.currentId().orElse("none") + ":" + Thread.currentThread().getName();
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load":
                load(Integer.parseInt(args[1]));
                break;
            case "threads":
                threads(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                break;
            case "serve":
                serve();
                break;
            case "facade":
                facade(args.length > 1 && args[1].equals("without-agent"));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    /** Calls {@code work} until it runs enhanced (its body sees an execution id); returns that id. */
    private static String warmUp() throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            work(i);
            if (SEEN.get() != null) {
                return SEEN.get();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("work() never ran enhanced");
    }

    private static void load(int threads) throws Exception {
        warmUp();
        System.out.println("ready");
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; ; i++) {
                    work(i);
                    if (i % 200 == 0) {
                        String line = "exec " + SEEN.get() + " " + System.currentTimeMillis();
                        synchronized (System.out) {
                            System.out.println(line);
                        }
                    }
                    if (i % 10 == 0) {
                        // A high but sustainable rate (tens of thousands a second): under overload executions are
                        // dropped and counted by design, which is another test.
                        pause(1);
                    }
                }
            }, "load-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        awaitStdinClosed();
    }

    private static void threads(int threads, int each) throws Exception {
        warmUp();
        AtomicLong recorded = new AtomicLong();
        Thread[] all = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            all[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    work(i);
                    if (SEEN.get() != null) {
                        recorded.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : all) {
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        System.out.println("calls " + ((long) threads * each) + " recorded " + recorded.get());
    }

    private static void serve() throws Exception {
        warmUp();
        for (int i = 0; i < 3; i++) {
            work(i);
            System.out.println("exec " + SEEN.get());
        }
        System.out.println("ready");
        awaitStdinClosed();
    }

    private static void facade(boolean withoutAgent) throws Exception {
        System.out.println("outside " + Executions.currentId().orElse("none"));
        Map<String, Object> fields = new HashMap<>();
        fields.put("rating", 4);
        FeedbackResult early = PoetFeedback.submit("000000000000-1", "user", fields);
        System.out.println("feedback-for-unknown " + early.status());
        String id;
        if (withoutAgent) {
            work(1);
            id = SEEN.get();
        } else {
            id = warmUp();
        }
        System.out.println("inside " + (id == null ? "none" : id));
        System.out.println("worker " + onWorker("w"));
        FeedbackResult result = PoetFeedback.submit(id == null ? "000000000000-1" : id, "user", fields);
        System.out.println("feedback " + result.status() + " " + (result.feedbackId() == null ? "-" : result.feedbackId()));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitStdinClosed() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            // Lines are ignored; the end of input is the signal to stop.
        }
    }
}
