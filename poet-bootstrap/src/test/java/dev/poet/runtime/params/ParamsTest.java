package dev.poet.runtime.params;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {

    @Test
    void nestedValuesAreDeepCopiedAndReadable() {
        Map<String, Object> breaker = new HashMap<>();
        breaker.put("failure-rate", 40);
        List<Object> weights = new ArrayList<>(List.of(0.5, 0.25));
        Map<String, Object> json = new HashMap<>();
        json.put("breaker", breaker);
        json.put("weights", weights);
        json.put("retries", "4");
        Params p = Params.of(json);

        breaker.put("failure-rate", 90);
        weights.add(1.0);
        assertThat(p.getParams("breaker").getInt("failure-rate", 0)).isEqualTo(40);
        assertThat(p.getPath("breaker.failure-rate")).isEqualTo(40);
        assertThat(p.getPath("breaker.missing.deeper")).isNull();
        assertThat(p.getList("weights")).containsExactly(0.5, 0.25);
        assertThat(p.getInt("retries", 3)).isEqualTo(4);
        assertThat(p.getParams("retries")).isSameAs(Params.EMPTY);
        assertThatThrownBy(() -> p.getList("weights").add(2.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refSwapsWholeSnapshots() {
        ParamsRef ref = new ParamsRef(null);
        assertThat(ref.get()).isSameAs(Params.EMPTY);
        Params next = Params.EMPTY.with("retries", 1);
        ref.set(next);
        assertThat(ref.get()).isSameAs(next);
        assertThat(ref.get().getInt("retries", 3)).isEqualTo(1);
    }

    @Test
    void requiredValuesAreReadAsTheLenientGettersReadThemAndTheirAbsenceNamesTheKey() {
        Params p = Params.of(Map.of("n", "4", "d", 0.5, "b", "TRUE", "s", "x", "bad", "four"));
        assertThat(p.requireInt("n")).isEqualTo(4);
        assertThat(p.requireLong("n")).isEqualTo(4L);
        assertThat(p.requireDouble("d")).isEqualTo(0.5);
        assertThat(p.requireBoolean("b")).isTrue();
        assertThat(p.requireString("s")).isEqualTo("x");
        assertThatThrownBy(() -> p.requireInt("absent")).isInstanceOf(MissingParameterException.class)
                .hasMessageContaining("'absent' is missing")
                .satisfies(e -> assertThat(((MissingParameterException) e).key()).isEqualTo("absent"));
        assertThatThrownBy(() -> p.requireInt("bad")).isInstanceOf(MissingParameterException.class)
                .hasMessageContaining("not an integer: 'four'");
        assertThatThrownBy(() -> p.requireBoolean("s")).isInstanceOf(MissingParameterException.class);
        assertThatThrownBy(() -> p.requireDouble("bad")).isInstanceOf(MissingParameterException.class);
    }
}
