package dev.poet.core.events.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;

import static org.assertj.core.api.Assertions.assertThat;

/** Damage a segment as a crash or a bad disk would, and check what readers get. */
class SegmentRecoveryTest {

    private static final String M = "com.acme.Pricing~quote~ab12";

    @TempDir
    Path home;

    private Path events() {
        return home.resolve("events");
    }

    private Path writeTen() throws IOException {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(TestEvents.execution("run000000001-" + i, M, i));
        }
        try (LocalEventLog log = LocalEventLog.open(events(), EventStoreOptions.defaults(), Clock.systemUTC())) {
            log.append(batch);
        }
        try (Stream<Path> files = Files.list(events().resolve("segments"))) {
            return files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }

    private static long offsetOfRecord(Path segment, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "r")) {
            long at = SegmentFormat.HEADER_BYTES;
            for (int i = 0; i < n; i++) {
                f.seek(at);
                at += SegmentFormat.RECORD_OVERHEAD + f.readInt();
            }
            return at;
        }
    }

    @Test
    void aTornTailIsNeverReturnedAndTheRestStaysReadable() throws IOException {
        Path segment = writeTen();
        long tenth = offsetOfRecord(segment, 9);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(tenth + 20);
        }
        try (EventLog reader = LocalEventLog.openReader(events())) {
            assertThat(reader.query(EventQuery.all())).hasSize(9).noneMatch(e -> e.timestamp() == 9);
        }
        // A new writer recovers too: the index catches up to the valid prefix and new events go to a new segment.
        try (LocalEventLog log = LocalEventLog.open(events(), EventStoreOptions.defaults(), Clock.systemUTC())) {
            assertThat(log.execution("run000000001-8")).isPresent();
            assertThat(log.execution("run000000001-9")).isEmpty();
            log.append(List.of(TestEvents.execution("run000000002-1", M, 100)));
            log.sync();
            assertThat(log.query(EventQuery.all())).hasSize(10);
        }
    }

    @Test
    void aRecordFailingItsCrcIsNeverReturned() throws IOException {
        Path segment = writeTen();
        long sixth = offsetOfRecord(segment, 5);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long inPayload = sixth + SegmentFormat.RECORD_OVERHEAD + 30;
            f.seek(inPayload);
            int b = f.read();
            f.seek(inPayload);
            f.write(b ^ 0x04);
        }
        try (EventLog reader = LocalEventLog.openReader(events())) {
            List<Event> read = reader.query(EventQuery.all());
            assertThat(read).extracting(Event::timestamp).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aDamagedLengthIsCaughtByTheCrc() throws IOException {
        Path segment = writeTen();
        long third = offsetOfRecord(segment, 2);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(third);
            int length = f.readInt();
            f.seek(third);
            f.writeInt(length - 1);
        }
        try (EventLog reader = LocalEventLog.openReader(events())) {
            assertThat(reader.query(EventQuery.all())).extracting(Event::timestamp).containsExactly(0L, 1L);
        }
    }
}
