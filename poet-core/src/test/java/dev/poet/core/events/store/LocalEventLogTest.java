package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTooLargeException;
import dev.poet.core.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalEventLogTest {

    private static final String PRICING = "com.acme.Pricing~quote~ab12";
    private static final String BILLING = "com.acme.Billing~charge~cd34";

    @TempDir
    Path home;

    private LocalEventLog open() throws IOException {
        return LocalEventLog.open(home.resolve("events"), EventStoreOptions.defaults(), Clock.systemUTC());
    }

    @Test
    void roundTripWithEveryFilterAndLookUpsAcrossARestart() throws IOException {
        List<Event> written = new ArrayList<>();
        try (LocalEventLog log = open()) {
            assertThat(log.indexed()).isTrue();
            for (int i = 0; i < 100; i++) {
                written.add(TestEvents.execution("run000000001-" + i, i % 2 == 0 ? PRICING : BILLING, 1_000 + i));
            }
            written.add(TestEvents.engine(EventTypes.VERSION_ACTIVATED, PRICING, 2_000));
            log.append(written);
            log.appendDurable(TestEvents.feedback("run000000001-4", PRICING, 3_000, "good"));
            log.appendDurable(TestEvents.feedback("run000000001-5", null, 3_001, "bad"));
            log.sync();

            assertThat(log.query(EventQuery.all())).hasSize(103);
            assertThat(log.execution("run000000001-7")).get().extracting(Event::method).isEqualTo(BILLING);
        }
        try (LocalEventLog log = open()) {
            assertThat(json(log.query(EventQuery.all()).subList(0, 101))).isEqualTo(json(written));
            assertThat(log.query(EventQuery.all().withType(EventTypes.FUNCTION_EXECUTION).withMethod(PRICING)))
                    .hasSize(50).allMatch(e -> PRICING.equals(e.method()));
            assertThat(log.query(EventQuery.all().withType("version.*"))).singleElement()
                    .extracting(Event::type).isEqualTo(EventTypes.VERSION_ACTIVATED);
            assertThat(log.query(EventQuery.all().since(1_095).withType(EventTypes.FUNCTION_EXECUTION))).hasSize(5);
            assertThat(log.query(EventQuery.all().withExecution("run000000001-4"))).hasSize(2);
            assertThat(log.query(EventQuery.all().limit(3))).extracting(Event::timestamp)
                    .containsExactly(2_000L, 3_000L, 3_001L);

            assertThat(log.execution("run000000001-42").map(EventJson::toJson)).contains(EventJson.toJson(written.get(42)));
            assertThat(log.execution("run000000001-999")).isEmpty();
            assertThat(log.feedbackFor("run000000001-4")).singleElement()
                    .extracting(e -> e.payload().get("label")).isEqualTo("good");
            // Feedback without a method is found by its execution's method.
            assertThat(log.feedbackForMethod(BILLING, 0)).singleElement()
                    .extracting(e -> e.payload().get("label")).isEqualTo("bad");
            assertThat(log.feedbackForMethod(PRICING, 3_000)).hasSize(1);
            assertThat(log.feedbackForMethod(PRICING, 3_001)).isEmpty();
        }
    }

    @Test
    void refusesAnEventOverOneMebibyteAndKeepsTheRestOfTheBatch() throws IOException {
        try (LocalEventLog log = open()) {
            Event huge = TestEvents.FACTORY.create(EventTypes.CONFIG_CHANGED, null, null,
                    Map.of("new_value", "x".repeat(EventLog.MAX_EVENT_BYTES)));
            Event small = TestEvents.execution("run000000001-1", PRICING, 5);
            assertThatThrownBy(() -> log.append(List.of(huge, small))).isInstanceOf(EventTooLargeException.class);
            assertThatThrownBy(() -> log.appendDurable(huge)).isInstanceOf(EventTooLargeException.class);
            log.sync();
            assertThat(json(log.query(EventQuery.all()))).containsExactly(EventJson.toJson(small));
        }
    }

    @Test
    void rollsSegmentsBySizeAndReadsThemAll() throws IOException {
        Path events = home.resolve("events");
        try (LocalEventLog log = LocalEventLog.open(events, new EventStoreOptions(30, 1 << 30, 8192),
                Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                log.append(List.of(TestEvents.execution("run000000001-" + i, PRICING, i)));
            }
            log.sync();
            assertThat(log.execution("run000000001-3")).isPresent();
        }
        try (var files = Files.list(events.resolve("segments"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".log")).count()).isGreaterThan(5);
        }
        try (EventLog reader = LocalEventLog.openReader(events)) {
            assertThat(reader.query(EventQuery.all())).hasSize(200);
            assertThat(reader.execution("run000000001-150")).get().extracting(Event::timestamp).isEqualTo(150L);
        }
    }

    @Test
    void twoWritersShareAFolderWithoutInterleavingAndTheSecondWorksWithoutTheIndex() throws IOException {
        try (LocalEventLog first = open(); LocalEventLog second = open()) {
            assertThat(first.indexed()).isTrue();
            assertThat(second.indexed()).isFalse();
            first.append(List.of(TestEvents.execution("run000000001-1", PRICING, 1)));
            second.append(List.of(TestEvents.execution("run000000002-1", BILLING, 2)));
            first.sync();
            second.sync();
            // Each finds the other's execution: the index-holder scans what it has not indexed, the other scans.
            assertThat(first.execution("run000000002-1")).isPresent();
            assertThat(second.execution("run000000001-1")).isPresent();
        }
        try (var files = Files.list(home.resolve("events/segments"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".log")).count()).isEqualTo(2);
        }
        try (LocalEventLog again = open()) {
            assertThat(again.execution("run000000002-1")).isPresent();
        }
    }

    @Test
    void aReaderCannotWrite() throws IOException {
        try (EventLog reader = LocalEventLog.openReader(home.resolve("events"))) {
            assertThat(reader.query(EventQuery.all())).isEmpty();
            assertThatThrownBy(() -> reader.append(List.of())).isInstanceOf(IOException.class)
                    .hasMessageContaining("reading only");
            assertThatThrownBy(() -> reader.appendDurable(TestEvents.execution("x-1", PRICING, 1)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theIndexIsRebuiltFromTheSegmentsWhenItIsGone() throws IOException {
        try (LocalEventLog log = open()) {
            log.append(List.of(TestEvents.execution("run000000001-1", PRICING, 1),
                    TestEvents.feedback("run000000001-1", PRICING, 2, "ok")));
            log.sync();
        }
        Files.delete(home.resolve("events").resolve(EventIndex.FILE));
        try (LocalEventLog log = open()) {
            assertThat(log.execution("run000000001-1")).isPresent();
            assertThat(log.feedbackForMethod(PRICING, 0)).hasSize(1);
        }
    }

    /** Events as their JSON: decoding gives JSON's number types (an Integer for a small Long), not the original objects. */
    static List<String> json(List<Event> events) {
        return events.stream().map(EventJson::toJson).toList();
    }
}
