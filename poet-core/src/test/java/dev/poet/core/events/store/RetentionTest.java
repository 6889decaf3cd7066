package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest {

    private static final String M = "com.acme.Pricing~quote~ab12";

    @TempDir
    Path home;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("events/segments"))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void oldSegmentsAreCompressedThenRemovedAndTheIndexForgetsThem() throws IOException {
        MovableClock clock = new MovableClock();
        EventStoreOptions options = new EventStoreOptions(30, 1L << 30, 8192);
        try (LocalEventLog log = LocalEventLog.open(home.resolve("events"), options, clock)) {
            for (int i = 0; i < 100; i++) {
                log.append(List.of(TestEvents.execution("run000000001-" + i, M, i)));
            }
            log.sync();
            int plain = files(".log").size();
            assertThat(plain).isGreaterThan(3);

            clock.advance(Duration.ofHours(25));
            log.maintain();
            // Every closed segment is compressed; the active one is not.
            assertThat(files(".log")).hasSize(1);
            assertThat(files(".log.gz")).hasSize(plain - 1);
            // Compressed segments stay readable by queries, look-ups and readers.
            assertThat(log.query(EventQuery.all())).hasSize(100);
            assertThat(log.execution("run000000001-0")).isPresent();
            try (EventLog reader = LocalEventLog.openReader(home.resolve("events"))) {
                assertThat(reader.query(EventQuery.all().withMethod(M))).hasSize(100);
            }

            clock.advance(Duration.ofDays(30));
            log.maintain();
            assertThat(files(".log.gz")).isEmpty();
            assertThat(log.indexHasExecution("run000000001-0")).isFalse();
            assertThat(log.execution("run000000001-0")).isEmpty();
            // The active segment stays, whatever its age: it is still being written.
            assertThat(files(".log")).hasSize(1);
            assertThat(log.execution("run000000001-99")).isPresent();
        }
    }

    @Test
    void theSizeCapRemovesTheOldestClosedSegmentsFirst() throws IOException {
        MovableClock clock = new MovableClock();
        Path events = home.resolve("events");
        try (LocalEventLog log = LocalEventLog.open(events, new EventStoreOptions(30, 1L << 30, 8192), clock)) {
            for (int i = 0; i < 200; i++) {
                log.append(List.of(TestEvents.execution("run000000001-" + i, M, i)));
                if (i % 20 == 0) {
                    log.sync();
                }
            }
        }
        List<Path> before = files(".log");
        long total = 0;
        for (Path p : before) {
            total += Files.size(p);
        }
        // Distinct write times, oldest first in name order.
        for (int i = 0; i < before.size(); i++) {
            Files.setLastModifiedTime(before.get(i), java.nio.file.attribute.FileTime.fromMillis(
                    clock.millis() - 3_600_000L + i * 1000L));
        }
        long cap = total / 2;
        try (LocalEventLog log = LocalEventLog.open(events, new EventStoreOptions(30, Math.max(cap, 8192), 8192),
                clock)) {
            List<Path> after = files(".log");
            long left = 0;
            for (Path p : after) {
                left += Files.size(p);
            }
            assertThat(left).isLessThanOrEqualTo(cap);
            assertThat(after).isEqualTo(before.subList(before.size() - after.size(), before.size()));
            assertThat(log.execution("run000000001-0")).isEmpty();
            assertThat(log.execution("run000000001-199")).isPresent();
        }
    }
}
