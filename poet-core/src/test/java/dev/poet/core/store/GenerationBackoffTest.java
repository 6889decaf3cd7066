package dev.poet.core.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The persisted, doubling delay between a method's LLM generations. */
class GenerationBackoffTest {

    static final MethodKey KEY = MethodKey.of("com.acme.Pricing", "quote", "(I)D", "");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path home;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private GenerationBackoff backoff(Clock clock) {
        return new GenerationBackoff(new VersionStore(home, 10, clock), clock, Duration.ofMinutes(1));
    }

    @Test
    void theDelayDoublesPerFailureUpToADay() {
        GenerationBackoff b = backoff(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.delayAfter(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(b.delayAfter(11)).isEqualTo(Duration.ofMinutes(1024));
        assertThat(b.delayAfter(12)).isEqualTo(Duration.ofDays(1));
        assertThat(b.delayAfter(10_000)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aClaimHoldsBackEveryAttemptWithinItsDelayAcrossRestarts() throws Exception {
        MovableClock clock = new MovableClock();
        assertThat(backoff(clock).claim(KEY, "id").granted()).isTrue();

        // A restart: a new instance over the same home.
        clock.now = NOW.plusSeconds(59);
        GenerationBackoff restarted = backoff(clock);
        assertThat(restarted.blocking(KEY, "id")).isPresent();
        GenerationBackoff.Claim held = restarted.claim(KEY, "id");
        assertThat(held.granted()).isFalse();
        assertThat(held.state().nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));

        clock.now = NOW.plusSeconds(60);
        assertThat(restarted.blocking(KEY, "id")).isEmpty();
        GenerationBackoff.Claim second = restarted.claim(KEY, "id");
        assertThat(second.granted()).isTrue();
        assertThat(second.state().failures()).isEqualTo(2);
        assertThat(second.state().nextAttemptAt()).isEqualTo(NOW.plusSeconds(60 + 120));
    }

    @Test
    void theReasonIsKeptAndASuccessStartsAfresh() throws Exception {
        MovableClock clock = new MovableClock();
        GenerationBackoff b = backoff(clock);
        b.claim(KEY, "id");
        b.failed(KEY, "id", "HTTP 500");

        Path file = home.resolve("methods").resolve(KEY.value()).resolve("llm-backoff.json");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("HTTP 500").contains("\"failures\" : 1");
        assertThat(b.read(KEY).lastReason()).isEqualTo("HTTP 500");

        clock.now = NOW.plusSeconds(61);
        b.claim(KEY, "id");
        b.succeeded(KEY);
        assertThat(file).doesNotExist();
        assertThat(b.claim(KEY, "id").state().failures()).isEqualTo(1);
    }

    @Test
    void anotherIdentityIsNotHeldBack() throws Exception {
        GenerationBackoff b = backoff(new MovableClock());
        b.claim(KEY, "model-a");

        assertThat(b.blocking(KEY, "model-b")).isEmpty();
        GenerationBackoff.Claim other = b.claim(KEY, "model-b");
        assertThat(other.granted()).isTrue();
        assertThat(other.state().failures()).isEqualTo(1);
    }

    @Test
    void aFileThatCannotBeUnderstoodHoldsNothingBackAndIsRewritten() throws Exception {
        GenerationBackoff b = backoff(new MovableClock());
        Path dir = Files.createDirectories(home.resolve("methods").resolve(KEY.value()));
        Files.writeString(dir.resolve("llm-backoff.json"), "{\"identity\": \"id\", \"failures\": ");

        assertThat(b.blocking(KEY, "id")).isEmpty();
        assertThat(b.claim(KEY, "id").granted()).isTrue();
        assertThat(b.blocking(KEY, "id")).isPresent();
    }

    @Test
    void theFileSurvivesVersionsBeingSavedBesideIt() throws Exception {
        MovableClock clock = new MovableClock();
        VersionStore store = new VersionStore(home, 10, clock);
        GenerationBackoff b = new GenerationBackoff(store, clock, Duration.ofMinutes(1));
        b.claim(KEY, "id");

        store.save(KEY, "class Enhancement {}", ClassBytesTest.sample(), java.util.Map.of(),
                VersionStoreTest.meta("h", "1", "f"), true);

        assertThat(b.blocking(KEY, "id")).isPresent();
    }
}
