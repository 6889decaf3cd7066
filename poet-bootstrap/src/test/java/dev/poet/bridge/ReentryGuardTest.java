package dev.poet.bridge;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReentryGuardTest {

    @Test
    void marksMethodsPerThreadAndNests() throws Exception {
        assertThat(ReentryGuard.isActive(1)).isFalse();
        ReentryGuard.enter(1);
        ReentryGuard.enter(2);
        for (int i = 0; i < 20; i++) {
            ReentryGuard.enter(100 + i);
        }
        assertThat(ReentryGuard.isActive(1)).isTrue();
        assertThat(ReentryGuard.isActive(119)).isTrue();
        assertThat(CompletableFuture.supplyAsync(() -> ReentryGuard.isActive(1)).get()).isFalse();
        for (int i = 19; i >= 0; i--) {
            ReentryGuard.exit(100 + i);
        }
        ReentryGuard.exit(2);
        assertThat(ReentryGuard.isActive(2)).isFalse();
        assertThat(ReentryGuard.isActive(1)).isTrue();
        ReentryGuard.exit(1);
        assertThat(ReentryGuard.isActive(1)).isFalse();
    }

    @Test
    void executionIdsAreUniqueAcrossThreads() throws Exception {
        java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5000; i++) {
                    ids.add(ExecutionIds.next());
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(20000).allMatch(id -> id > 0);
    }
}
