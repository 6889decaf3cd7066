package dev.poet.runtime.retry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBudgetTest {

    @Test
    void grpcDefaults() {
        RetryBudget b = new RetryBudget();
        assertThat(b.tokens()).isEqualTo(10.0);
        for (int i = 0; i < 4; i++) {
            b.onFailure();
        }
        assertThat(b.allowRetry()).isTrue();
        b.onFailure();
        assertThat(b.tokens()).isEqualTo(5.0);
        assertThat(b.allowRetry()).as("only while tokens > maxTokens/2").isFalse();
        b.onSuccess();
        assertThat(b.tokens()).isEqualTo(5.1);
        assertThat(b.allowRetry()).isTrue();
    }

    @Test
    void boundedBetweenZeroAndMax() {
        RetryBudget b = new RetryBudget(3, 1);
        for (int i = 0; i < 10; i++) {
            b.onFailure();
        }
        assertThat(b.tokens()).isZero();
        for (int i = 0; i < 10; i++) {
            b.onSuccess();
        }
        assertThat(b.tokens()).isEqualTo(3.0);
        assertThatThrownBy(() -> new RetryBudget(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        // Large bucket so neither bound is hit: the final count must be exact.
        RetryBudget b = new RetryBudget(1_000_000, 0.5);
        for (int i = 0; i < 400_000; i++) {
            b.onFailure();
        }
        int threads = 8;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    b.onSuccess();
                    b.onSuccess();
                    b.onFailure();
                    b.allowRetry();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        // Each iteration: +0.5 +0.5 -1 = 0.
        assertThat(b.tokens()).isEqualTo(600_000.0);
    }
}
