package dev.poet.core.events.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.EventQuery;

class EventFiltersTest {

    static final Instant NOW = Instant.parse("2025-01-02T10:00:00Z");
    private final EventFilters filters = new EventFilters(Clock.fixed(NOW, ZoneOffset.UTC), 100, 1000);

    @Test
    void parsesEveryFilter() throws Exception {
        String id = ExecutionIds.format(5);
        EventQuery q = filters.parse(Map.of("type", "version.*", "method", "com.acme.Pricing~quote",
                "since", "2025-01-01T00:00:00Z", "execution", id, "limit", "7"));
        assertThat(q).isEqualTo(new EventQuery("version.*", "com.acme.Pricing~quote",
                Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(), id, 7));
        assertThat(filters.parse(Map.of())).isEqualTo(EventQuery.all().limit(100));
        assertThat(filters.parse(Map.of("type", "*")).type()).isNull();
    }

    @Test
    void sinceAcceptsRelativeTimesInstantsWithOffsetsAndDates() throws Exception {
        assertThat(filters.sinceMillis("-10m")).isEqualTo(NOW.minusSeconds(600).toEpochMilli());
        assertThat(filters.sinceMillis("-2h")).isEqualTo(NOW.minusSeconds(7200).toEpochMilli());
        assertThat(filters.sinceMillis("-1d")).isEqualTo(NOW.minusSeconds(86400).toEpochMilli());
        assertThat(filters.sinceMillis("-30s")).isEqualTo(NOW.minusSeconds(30).toEpochMilli());
        assertThat(filters.sinceMillis("2025-01-02T11:00:00+01:00")).isEqualTo(NOW.toEpochMilli());
        assertThat(filters.sinceMillis("2025-01-02")).isEqualTo(Instant.parse("2025-01-02T00:00:00Z").toEpochMilli());
    }

    @Test
    void aBadFilterIsRefusedNamingIt() {
        assertBad(Map.of("since", "yesterday"), "since", "since must be an ISO-8601 instant");
        assertBad(Map.of("since", "-10w"), "since", "was \"-10w\"");
        assertBad(Map.of("type", "Function Execution"), "type", "type must be an event type");
        assertBad(Map.of("execution", "uuid-123"), "execution", "execution must be an execution id");
        assertBad(Map.of("limit", "0"), "limit", "limit must be a whole number from 1 to 1000");
        assertBad(Map.of("limit", "1001"), "limit", "from 1 to 1000");
        assertBad(Map.of("limit", "ten"), "limit", "was \"ten\"");
        assertBad(Map.of("method", " "), "method", "method must be");
        assertBad(Map.of("tpye", "x"), "tpye", "unknown filter tpye");
    }

    private void assertBad(Map<String, String> given, String name, String message) {
        assertThatThrownBy(() -> filters.parse(given)).as(given.toString()).isInstanceOf(BadFilterException.class)
                .hasMessageContaining(message).matches(e -> ((BadFilterException) e).filter().equals(name), "names " + name);
    }
}
