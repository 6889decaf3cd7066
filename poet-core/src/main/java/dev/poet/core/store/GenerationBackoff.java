package dev.poet.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a method may next be sent to a source generator (an LLM) after failed generations: after the n-th failure
 * the wait is {@code baseDelay × 2^(n-1)}, at most {@link #MAX_DELAY}. Kept in the method's folder as
 * {@code llm-backoff.json}, so restarts within the delay ask nothing, and two JVMs sharing a home do not both ask.
 *
 * <p>An attempt is counted as failed when it is {@linkplain #claim claimed}, before the request goes out: a process
 * that exits (or is killed) while the model has not answered has then paid its delay too, and a model that never
 * answers is not asked on every restart. A success {@linkplain #succeeded clears} the file. The file belongs to one
 * generation identity (model, prompt, template, method body): another identity starts afresh.
 */
public final class GenerationBackoff {

    /** The longest wait between two attempts for one method. */
    public static final Duration MAX_DELAY = Duration.ofDays(1);

    static final String FILE = "llm-backoff.json";

    private final VersionStore store;
    private final Clock clock;
    private final Duration baseDelay;

    /**
     * @param baseDelay the wait after the first failure ({@code poet.llm.retry-delay-ms}); zero never waits
     */
    public GenerationBackoff(VersionStore store, Clock clock, Duration baseDelay) {
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative: " + baseDelay);
        }
        this.store = store;
        this.clock = clock;
        this.baseDelay = baseDelay;
    }

    /**
     * What the file says for a method.
     *
     * @param failures      attempts counted as failed (the one claimed last included)
     * @param nextAttemptAt no attempt before this instant
     * @param lastReason    why the last attempt failed; null while it runs or when unknown
     */
    public record State(String identity, int failures, Instant nextAttemptAt, String lastReason) {
    }

    /** The answer of {@link #claim}: granted, or the state that holds the attempt back. */
    public record Claim(boolean granted, State state) {
    }

    /** The wait after the {@code failures}-th failure in a row (1-based). */
    public Duration delayAfter(int failures) {
        if (failures < 1 || baseDelay.isZero()) {
            return Duration.ZERO;
        }
        Duration delay = baseDelay;
        for (int i = 1; i < failures && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /**
     * The state that holds back an attempt for {@code identity} now, if any; read-only. An unreadable file
     * holds nothing back (at worst one extra attempt, which {@link #claim} then records properly).
     */
    public Optional<State> blocking(MethodKey key, String identity) {
        State state = read(key);
        if (state == null || !state.identity().equals(identity) || !clock.instant().isBefore(state.nextAttemptAt())) {
            return Optional.empty();
        }
        return Optional.of(state);
    }

    /**
     * Atomically (across threads and JVMs) checks that no delay holds and records this attempt as a failure until
     * {@link #succeeded} says otherwise.
     */
    public Claim claim(MethodKey key, String identity) throws IOException {
        Path dir = store.methodDir(key);
        Files.createDirectories(dir);
        return StoreLocks.withLock(dir.resolve(VersionFiles.LOCK), () -> {
            State previous = read(key);
            Instant now = clock.instant();
            boolean sameIdentity = previous != null && previous.identity().equals(identity);
            if (sameIdentity && now.isBefore(previous.nextAttemptAt())) {
                return new Claim(false, previous);
            }
            int failures = sameIdentity ? previous.failures() + 1 : 1;
            State claimed = new State(identity, failures, now.plus(delayAfter(failures)), null);
            write(dir, claimed);
            return new Claim(true, claimed);
        });
    }

    /** Records why the claimed attempt failed; its delay was set when it was claimed. */
    public void failed(MethodKey key, String identity, String reason) throws IOException {
        Path dir = store.methodDir(key);
        Files.createDirectories(dir);
        StoreLocks.withLock(dir.resolve(VersionFiles.LOCK), () -> {
            State current = read(key);
            if (current != null && current.identity().equals(identity)) {
                write(dir, new State(identity, current.failures(), current.nextAttemptAt(), reason));
            }
            return null;
        });
    }

    /** The generation succeeded: the next failure starts from the base delay again. */
    public void succeeded(MethodKey key) throws IOException {
        Path dir = store.methodDir(key);
        if (!Files.isDirectory(dir)) {
            return;
        }
        StoreLocks.withLock(dir.resolve(VersionFiles.LOCK), () -> {
            Files.deleteIfExists(dir.resolve(FILE));
            AtomicFiles.syncDirectory(dir);
            return null;
        });
    }

    /** The file's state, or null when there is none or it cannot be understood. */
    State read(MethodKey key) {
        Path file = store.methodDir(key).resolve(FILE);
        try {
            Map<String, Object> json = StoreJson.readMap(Files.readAllBytes(file));
            Object identity = json.get("identity");
            Object failures = json.get("failures");
            Object next = json.get("nextAttemptAt");
            Object reason = json.get("lastReason");
            if (!(identity instanceof String) || !(failures instanceof Number) || !(next instanceof String)) {
                return null;
            }
            return new State((String) identity, ((Number) failures).intValue(), Instant.parse((String) next),
                    reason instanceof String ? (String) reason : null);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // A torn or foreign file (or a bad instant): treated as no delay, and rewritten by the next claim.
            return null;
        }
    }

    private static void write(Path dir, State state) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", state.identity());
        json.put("failures", state.failures());
        json.put("nextAttemptAt", state.nextAttemptAt().toString());
        if (state.lastReason() != null) {
            json.put("lastReason", state.lastReason());
        }
        AtomicFiles.write(dir.resolve(FILE), StoreJson.write(json));
    }
}
