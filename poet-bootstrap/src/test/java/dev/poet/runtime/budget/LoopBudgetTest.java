package dev.poet.runtime.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;


/** The counter's contract as the dispatcher uses it. */
class LoopBudgetTest {

    @Test
    void ticksUpToTheBudgetAndFailsPastIt() {
        long saved = LoopBudget.begin(3);
        try {
            LoopBudget.tick();
            LoopBudget.tick();
            LoopBudget.tick();
            assertThatThrownBy(LoopBudget::tick).isInstanceOf(LoopBudgetExceededError.class)
                    .isInstanceOf(Error.class).hasMessageContaining("3");
        } finally {
            LoopBudget.end(saved);
        }
    }

    @Test
    void staysExhaustedUntilTheNextBegin() {
        long saved = LoopBudget.begin(0);
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(LoopBudget::tick).isInstanceOf(LoopBudgetExceededError.class);
            }
            LoopBudget.begin(1);
            LoopBudget.tick();
        } finally {
            LoopBudget.end(saved);
        }
    }

    @Test
    void aNestedPhaseDoesNotRefillTheOuterOne() {
        long saved = LoopBudget.begin(10);
        try {
            LoopBudget.tick();
            long outer = LoopBudget.begin(1000);
            LoopBudget.tick();
            LoopBudget.end(outer);
            assertThat(LoopBudget.remaining()).isEqualTo(9);
        } finally {
            LoopBudget.end(saved);
        }
    }

    @Test
    void resetRefillsToTheDefault() {
        long saved = LoopBudget.begin(0);
        try {
            LoopBudget.reset();
            assertThat(LoopBudget.remaining()).isEqualTo(LoopBudget.DEFAULT_BUDGET);
        } finally {
            LoopBudget.end(saved);
        }
    }
}
