package com.example.domains;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Application methods whose behaviour a test changes between calls, to watch a parameter swap take effect. */
public class Swaps {

    public volatile int attempts;
    /** Released when the hanging first attempt of {@link #answerAfterAHang} was interrupted by the deadline. */
    public final CountDownLatch firstInterrupted = new CountDownLatch(1);

    public String fetch(String id) throws IOException {
        attempts++;
        throw new IOException("connection reset");
    }

    /** Hangs on the first call (until interrupted), answers at once on every later one. */
    public String answerAfterAHang(String prompt) throws IOException {
        attempts++;
        if (attempts == 1) {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                firstInterrupted.countDown();
                throw new IOException("interrupted");
            }
        }
        return "second answer to " + prompt;
    }

    /** Takes 300 ms, then answers. */
    public String slow(String prompt) throws IOException {
        attempts++;
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            throw new IOException("interrupted");
        }
        return "slow answer to " + prompt;
    }
}
