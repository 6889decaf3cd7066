package dev.poet.core.train.learned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Train learned for one method: the objective it learned toward, the learned values (applied over the
 * configured parameters, see {@link LearnedOverlay}), and their history, newest last. Kept apart from the
 * version's {@code params.json}: a learned value never changes a version's identity. Immutable.
 *
 * @param objective the {@code optimize-for} objective the values were learned for
 * @param values    learned parameter values (numbers)
 * @param history   every change, newest last, at most {@value #MAX_HISTORY}
 * @param unknown   top-level fields a newer agent wrote, kept on rewrite
 */
public record LearnedParams(String objective, Map<String, Object> values, List<Change> history,
                            Map<String, Object> unknown) {

    /** Changes kept per method; the oldest go first. */
    public static final int MAX_HISTORY = 100;

    /**
     * One change of the learned values.
     *
     * @param kind     {@code changed} (a learner moved them) or {@code reverted} (the watch undid a change)
     * @param before   the learned values before
     * @param after    the learned values after
     * @param evidence the evidence that moved them ({@link dev.poet.core.train.evidence.Evidence#toMap()})
     */
    public record Change(Instant at, String kind, Map<String, Object> before, Map<String, Object> after,
                         Map<String, Object> evidence) {

        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
            after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
            evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        }
    }

    public LearnedParams {
        Objects.requireNonNull(objective, "objective");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        history = List.copyOf(history);
        unknown = unknown == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    /** Nothing learned yet for {@code objective}. */
    public static LearnedParams empty(String objective) {
        return new LearnedParams(objective, Map.of(), List.of(), Map.of());
    }

    /** These values, with the change that led to them appended to the history. */
    public LearnedParams changedTo(Map<String, Object> newValues, Change change) {
        List<Change> h = new ArrayList<>(history);
        h.add(change);
        while (h.size() > MAX_HISTORY) {
            h.remove(0);
        }
        return new LearnedParams(objective, newValues, h, unknown);
    }
}
