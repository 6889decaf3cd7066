package dev.poet.core.events.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/** A real SIGKILL of a JVM writing as fast as it can. */
class CrashSafetyTest {

    @TempDir
    Path home;

    @Test
    void afterSigkillEverySyncedEventIsThereAndNoDamagedOneIsReadable() throws Exception {
        Path events = home.resolve("events");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), events.toString(), "crash00000001")
                .redirectErrorStream(true).start();
        long synced = -1;
        int syncedBatches = 0;
        int seenWhileRunning = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("SYNCED ")) {
                    synced = Long.parseLong(line.substring(7));
                    syncedBatches++;
                    if (syncedBatches == 3) {
                        // A reader in this JVM while the writer JVM runs.
                        try (EventLog reader = LocalEventLog.openReader(events)) {
                            seenWhileRunning = reader.query(EventQuery.all()).size();
                        }
                    }
                    if (syncedBatches == 8) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(syncedBatches).as("synced batches printed by the writer").isEqualTo(8);
        assertThat(seenWhileRunning).isGreaterThan(0);

        List<Event> read;
        try (EventLog reader = LocalEventLog.openReader(events)) {
            read = reader.query(EventQuery.all());
        }
        Set<Long> present = new HashSet<>();
        for (Event e : read) {
            assertThat(e.type()).isEqualTo(EventTypes.FUNCTION_EXECUTION);
            assertThat(e.correlationId()).isEqualTo("crash00000001-" + e.timestamp());
            assertThat(present.add(e.timestamp())).as("no event twice").isTrue();
        }
        for (long n = 0; n < synced; n++) {
            assertThat(present).as("synced execution " + n).contains(n);
        }
        // What is missing is only a tail: the events present are 0..k without a gap.
        long max = present.stream().mapToLong(Long::longValue).max().orElse(-1);
        assertThat(present).hasSize((int) max + 1);

        // The index catches up after the crash: an execution the crashed run wrote after its last index commit is
        // found, and a new writer appends after the damaged tail.
        try (LocalEventLog log = LocalEventLog.open(events, EventStoreOptions.defaults(), Clock.systemUTC())) {
            assertThat(log.indexed()).isTrue();
            assertThat(log.indexHasExecution("crash00000001-" + max)).isTrue();
            assertThat(log.execution("crash00000001-" + max)).isPresent();
            assertThat(log.execution("crash00000001-" + (synced - 1))).isPresent();
            log.append(List.of(TestEvents.execution("after0000001-1", "com.acme.Pricing~quote~ab12", 1)));
            log.sync();
            assertThat(log.query(EventQuery.all())).hasSize(present.size() + 1);
        }
    }
}
