package dev.poet.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {

    private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void secondsAndHttpDates() {
        assertThat(RetryAfterHeader.parseMillis("3", now)).hasValue(3_000);
        assertThat(RetryAfterHeader.parseMillis("Wed, 01 Jan 2025 00:00:05 GMT", now)).hasValue(5_000);
        assertThat(RetryAfterHeader.parseMillis("Tue, 31 Dec 2024 23:59:00 GMT", now)).hasValue(0);
    }

    @Test
    void absentOrUnreadable() {
        assertThat(RetryAfterHeader.parseMillis(null, now)).isEmpty();
        assertThat(RetryAfterHeader.parseMillis("soon", now)).isEmpty();
        assertThat(RetryAfterHeader.parseMillis("-1", now)).isEmpty();
    }
}
