package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerOffsetsTest {

    private static final String M = "com.acme.Pricing~quote~ab12";

    @TempDir
    Path home;

    @Test
    void aConsumerResumesWhereItCommittedAcrossRestartsAndSegments() throws IOException {
        Path events = home.resolve("events");
        EventStoreOptions small = new EventStoreOptions(30, 1L << 30, 8192);
        try (LocalEventLog log = LocalEventLog.open(events, small, Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                log.append(List.of(TestEvents.execution("run000000001-" + i, M, i)));
            }
            // Segments closed by rolling are synced; the active one is not yet, and a consumer does not see it.
            assertThat(log.offsets().read("train", 100).events()).hasSizeLessThan(50);
            log.sync();
            ConsumerOffsets offsets = log.offsets();
            ConsumerBatch first = offsets.read("train", 30);
            assertThat(first.events()).extracting(Event::timestamp).first().isEqualTo(0L);
            assertThat(first.events()).hasSize(30);
            offsets.commit("train", first.next());
            // Reading without committing gives the same events again.
            ConsumerBatch uncommitted = offsets.read("train", 5);
            assertThat(uncommitted.events()).extracting(Event::timestamp).containsExactly(30L, 31L, 32L, 33L, 34L);
        }
        try (LocalEventLog log = LocalEventLog.open(events, small, Clock.systemUTC())) {
            log.append(List.of(TestEvents.execution("run000000002-0", M, 100)));
            log.sync();
            List<Long> rest = new ArrayList<>();
            ConsumerOffsets offsets = ConsumerOffsets.open(events);
            while (true) {
                ConsumerBatch b = offsets.read("train", 7);
                if (b.events().isEmpty()) {
                    break;
                }
                b.events().forEach(e -> rest.add(e.timestamp()));
                offsets.commit("train", b.next());
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 30; i < 50; i++) {
                expected.add(i);
            }
            expected.add(100L);
            assertThat(rest).isEqualTo(expected);
            // Another consumer has its own position.
            assertThat(offsets.read("cli", 1000).events()).hasSize(51);
        }
    }
}
