package dev.poet.runtime.validate;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {

    private final InMemoryEventSink sink = new InMemoryEventSink();

    private Validator perceive(String name, Rule rule, Mode mode) {
        return Validator.perceive("m", name, rule, mode, sink);
    }

    @Test
    void reportNeverChangesTheValueButEmits() {
        Validator v = perceive("rate", Rules.range(0, 1), Mode.REPORT);
        Double value = 7.5;
        assertThat(v.check(value)).isSameAs(value);
        PhaseEvent e = sink.ofType(EventTypes.PERCEIVE_VIOLATION).get(0);
        assertThat(e.fields()).containsEntry("rule", "range[0.0, 1.0]").containsEntry("parameter", "rate")
                .containsEntry("mode", "REPORT").containsEntry("action", "reported");
        assertThat(e.methodKey()).isEqualTo("m");
    }

    @Test
    void validValuesEmitNothing() {
        Validator v = Validator.perceive("m", "name", new Rule[]{Rules.notNull(), Rules.notEmpty(),
                Rules.size(1, 5), Rules.pattern("[a-z]+")}, Mode.REJECT, sink);
        assertThat(v.check("abc")).isEqualTo("abc");
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void repairClampsKeepingTheType() {
        Validator v = perceive("n", Rules.range(0, 10), Mode.REPAIR);
        assertThat(v.check(42)).isEqualTo(10);
        assertThat(v.check(-3L)).isEqualTo(0L);
        assertThat(v.check(2.5f)).isEqualTo(2.5f);
        assertThat(v.check(Double.NaN)).as("NaN cannot be clamped").isEqualTo(Double.NaN);
        assertThat(sink.ofType(EventTypes.PERCEIVE_VIOLATION)).extracting(e -> e.fields().get("action"))
                .containsExactly("repaired", "repaired", "unrepaired");
    }

    @Test
    void rejectThrowsADeliberateIllegalArgumentNamingParameterAndRule() {
        Validator v = perceive("email", Rules.pattern("[^@]+@[^@]+"), Mode.REJECT);
        assertThatThrownBy(() -> v.check("nope")).isInstanceOf(InputRejectedException.class)
                .isInstanceOf(IllegalArgumentException.class).isInstanceOf(DeliberateFailure.class)
                .hasMessageContaining("email").hasMessageContaining("pattern[[^@]+@[^@]+]");
        assertThat(sink.ofType(EventTypes.PERCEIVE_VIOLATION).get(0).fields()).containsEntry("action", "rejected");
    }

    @Test
    void nullAndEmptyRules() {
        assertThat(perceive("s", Rules.notNull("default"), Mode.REPAIR).check(null)).isEqualTo("default");
        assertThat(perceive("s", Rules.notNull(), Mode.REPAIR).check(null)).isNull();
        Validator empty = perceive("xs", Rules.notEmpty(), Mode.REPORT);
        for (Object v : new Object[]{"", List.of(), Map.of(), new int[0]}) {
            empty.check(v);
        }
        assertThat(sink.count(EventTypes.PERCEIVE_VIOLATION)).as("2 null repairs + 4 empties").isEqualTo(6);
        assertThat(perceive("xs", Rules.notEmpty(), Mode.REJECT).check(null)).as("null is notNull's job").isNull();
    }

    @Test
    void finiteNumbersIncludingNestedResults() {
        Validator v = Validator.enforce("m", Rules.finite(), Mode.REPAIR, sink);
        assertThat(v.check(Double.POSITIVE_INFINITY)).isEqualTo(Double.MAX_VALUE);
        assertThat((double[]) v.check(new double[]{1, Double.NaN, Double.NEGATIVE_INFINITY}))
                .containsExactly(1, 0, -Double.MAX_VALUE);

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("score", Double.NaN);
        nested.put("parts", new ArrayList<>(Arrays.asList(1.0, Float.POSITIVE_INFINITY)));
        nested.put("label", "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> repaired = (Map<String, Object>) v.check(nested);
        @SuppressWarnings("unchecked")
        List<Object> parts = (List<Object>) repaired.get("parts");
        assertThat(repaired).containsEntry("score", 0.0).containsEntry("label", "x");
        assertThat(parts).containsExactly(1.0, Float.MAX_VALUE);
        assertThat(nested.get("score")).as("the original is untouched").isEqualTo(Double.NaN);
        assertThat(sink.ofType(EventTypes.ENFORCE_VIOLATION)).allSatisfy(e ->
                assertThat(e.fields()).containsEntry("parameter", "result").containsEntry("rule", "finite"));
    }

    @Test
    void sizeBoundsTruncateCopies() {
        Validator v = perceive("xs", Rules.size(1, 2), Mode.REPAIR);
        List<Integer> list = List.of(1, 2, 3);
        assertThat(v.check(list)).isEqualTo(List.of(1, 2));
        assertThat(v.check("abcd")).isEqualTo("ab");
        assertThat((int[]) v.check(new int[]{5, 6, 7})).containsExactly(5, 6);
        assertThat(v.check("")).as("too short is unrepairable").isEqualTo("");
        assertThat(list).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiredKeysAddsDefaults() {
        Validator v = Validator.enforce("m", Rules.requiredKeys(new String[]{"id", "score"}, 0), Mode.REPAIR, sink);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("id", 7);
        assertThat((Map<Object, Object>) v.check(in)).containsEntry("id", 7).containsEntry("score", 0);
        assertThat(in).doesNotContainKey("score");
        assertThatThrownBy(() -> Validator.enforce("m", Rules.requiredKeys(new String[]{"id"}, null), Mode.REJECT,
                sink).check(Map.of())).isInstanceOf(InputRejectedException.class).hasMessageContaining("id");
    }

    @Test
    void lengthMatchBetweenTwoParameters() {
        Object[] args = {new double[]{1, 2, 3}, List.of("a", "b"), "other"};
        new LengthMatch("m", "xs", 0, "labels", 1, Mode.REPAIR, sink).check(args);
        assertThat((double[]) args[0]).containsExactly(1, 2);
        assertThat(args[1]).isEqualTo(List.of("a", "b"));
        assertThat(sink.ofType(EventTypes.PERCEIVE_VIOLATION).get(0).fields()).containsEntry("parameter", "xs,labels")
                .containsEntry("action", "repaired");

        Object[] bad = {new int[2], new int[3]};
        assertThatThrownBy(() -> new LengthMatch("m", "a", 0, "b", 1, Mode.REJECT, sink).check(bad))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("same-length");
        Object[] reported = {new int[2], new int[3]};
        Object first = reported[0];
        new LengthMatch("m", "a", 0, "b", 1, Mode.REPORT, sink).check(reported);
        assertThat(reported[0]).isSameAs(first);
    }

    @Test
    void modeParsing() {
        assertThat(Mode.parse("Repair", Mode.REPORT)).isEqualTo(Mode.REPAIR);
        assertThat(Mode.parse("bogus", Mode.REPORT)).isEqualTo(Mode.REPORT);
        assertThat(Mode.parse(null, Mode.REJECT)).isEqualTo(Mode.REJECT);
    }
}
