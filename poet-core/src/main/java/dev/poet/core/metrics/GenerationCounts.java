package dev.poet.core.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.engine.VersionFacts;
import dev.poet.runtime.event.PhaseEvent;

/**
 * Counts what the engine says about its versions, per method and outcome, as it passes the events on unchanged:
 * {@code succeeded} (generated, audited and verified), {@code failed} (nothing came out of the generator),
 * {@code activated} (a new version put in a slot), {@code reused} (a stored version activated as it was),
 * {@code rejected} (refused by the gate) and {@code quarantined}. Phase decisions pass through uncounted.
 */
public final class GenerationCounts {

    /** The outcomes, in the order they are shown. */
    public static final String[] OUTCOMES = {"succeeded", "failed", "activated", "reused", "rejected", "quarantined"};

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** {@code delegate}, counted here. */
    public EngineEvents around(EngineEvents delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return new EngineEvents() {
            @Override
            public void decision(PhaseEvent event) {
                delegate.decision(event);
            }

            @Override
            public String generationSucceeded(VersionFacts version, Map<String, Long> timings) {
                count(version, "succeeded");
                return delegate.generationSucceeded(version, timings);
            }

            @Override
            public String generationFailed(VersionFacts version, String reason, String activeVersion,
                                           String causationId) {
                count(version, "failed");
                return delegate.generationFailed(version, reason, activeVersion, causationId);
            }

            @Override
            public String versionActivated(VersionFacts version, boolean reused, String replaced,
                                           String causationId) {
                count(version, reused ? "reused" : "activated");
                return delegate.versionActivated(version, reused, replaced, causationId);
            }

            @Override
            public String versionRejected(VersionFacts version, String stage, String reason) {
                count(version, "rejected");
                return delegate.versionRejected(version, stage, reason);
            }

            @Override
            public String versionQuarantined(VersionFacts version, int failures, String phase, String reason) {
                count(version, "quarantined");
                return delegate.versionQuarantined(version, failures, phase, reason);
            }
        };
    }

    private void count(VersionFacts version, String outcome) {
        try {
            String method = version == null || version.method() == null ? "" : version.method();
            counts.computeIfAbsent(method + '\n' + outcome, k -> new LongAdder()).increment();
        } catch (RuntimeException ignored) {
            // Counting must never cost the engine its event.
        }
    }

    /** Per method key, per outcome, the count so far; only outcomes that happened appear. Sorted. */
    public Map<String, Map<String, Long>> byMethod() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
            int nl = e.getKey().indexOf('\n');
            out.computeIfAbsent(e.getKey().substring(0, nl), k -> new TreeMap<>())
                    .put(e.getKey().substring(nl + 1), e.getValue().sum());
        }
        return out;
    }

    /** Of {@code method}, per outcome, every outcome present (0 when it did not happen). */
    public Map<String, Long> of(String method) {
        Map<String, Long> out = new TreeMap<>();
        for (String outcome : OUTCOMES) {
            LongAdder a = counts.get(method + '\n' + outcome);
            out.put(outcome, a == null ? 0L : a.sum());
        }
        return out;
    }
}
