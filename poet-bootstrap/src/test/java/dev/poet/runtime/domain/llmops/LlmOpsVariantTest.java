package dev.poet.runtime.domain.llmops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

class LlmOpsVariantTest {

    static Map<String, Object> params(int best, double explore) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min-output-chars", 1);
        m.put("max-output-chars", 0);
        m.put("prompt-variants", "A {prompt}|B {prompt}|C {prompt}");
        m.put("prompt-best-variant", best);
        m.put("prompt-explore", explore);
        return m;
    }

    static List<Character> run(LlmOps llm, int n) {
        List<Character> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] args = llm.perceive(new Object[] {"q"}, "e" + i);
            chosen.add(((String) args[0]).charAt(0));
        }
        return chosen;
    }

    static LlmOps llm(ParamsRef ref, InMemoryEventSink sink, long seed) {
        return new LlmOps("k", ref, sink, new String[] {"prompt"}, new boolean[] {true}, seed);
    }

    @Test
    void withoutALearnedVariantTheVariantsAreTakenInTurn() {
        InMemoryEventSink sink = new InMemoryEventSink();
        List<Character> chosen = run(llm(new ParamsRef(Params.of(params(-1, 0.1))), sink, 7), 6);
        assertThat(chosen).containsExactly('A', 'B', 'C', 'A', 'B', 'C');
        assertThat(sink.ofType(LlmOps.PROMPT_VARIANT)).extracting(e -> e.fields().get("choice"))
                .containsOnly("rotate");
    }

    @Test
    void theLearnedVariantIsTakenButForTheExploringShareSplitOverTheOthers() {
        InMemoryEventSink sink = new InMemoryEventSink();
        int n = 10_000;
        List<Character> chosen = run(llm(new ParamsRef(Params.of(params(1, 0.1))), sink, 7), n);
        long a = chosen.stream().filter(c -> c == 'A').count();
        long b = chosen.stream().filter(c -> c == 'B').count();
        long c = chosen.stream().filter(ch -> ch == 'C').count();
        assertThat((double) (a + c) / n).isBetween(0.09, 0.11);
        assertThat((double) a / n).isBetween(0.04, 0.06);
        assertThat((double) c / n).isBetween(0.04, 0.06);
        assertThat(b + a + c).isEqualTo(n);
        List<PhaseEvent> events = sink.ofType(LlmOps.PROMPT_VARIANT);
        assertThat(events).hasSize(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> f = events.get(i).fields();
            assertThat(f.get("execution_id")).isEqualTo("e" + i);
            assertThat(f.get("choice")).isEqualTo(chosen.get(i) == 'B' ? "exploit" : "explore");
            assertThat(f.get("variant")).isEqualTo("ABC".indexOf(chosen.get(i)));
        }
    }

    @Test
    void theDrawIsRepeatableForASeedAndDiffersAcrossSeeds() {
        ParamsRef ref = new ParamsRef(Params.of(params(0, 0.3)));
        List<Character> first = run(llm(ref, new InMemoryEventSink(), 42), 500);
        assertThat(run(llm(ref, new InMemoryEventSink(), 42), 500)).isEqualTo(first);
        assertThat(run(llm(ref, new InMemoryEventSink(), 43), 500)).isNotEqualTo(first);
    }

    @Test
    void aSwappedSnapshotChangesTheChoiceOnTheNextCall() {
        ParamsRef ref = new ParamsRef(Params.of(params(-1, 0)));
        LlmOps llm = llm(ref, new InMemoryEventSink(), 1);
        assertThat(run(llm, 2)).containsExactly('A', 'B');
        ref.set(Params.of(params(2, 0)));
        assertThat(run(llm, 3)).containsExactly('C', 'C', 'C');
        ref.set(Params.of(params(5, 0)));
        assertThat(run(llm, 1)).as("an index beyond the variants falls back to taking them in turn")
                .containsExactly('C');
    }
}
