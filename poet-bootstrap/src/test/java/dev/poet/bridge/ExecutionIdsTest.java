package dev.poet.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionIdsTest {

    @Test
    void idsCarryTheRunPrefixAndAreWellFormed() {
        String id = ExecutionIds.format(ExecutionIds.next());
        assertThat(ExecutionIds.RUN).hasSize(12).matches("[0-9a-v]{12}");
        assertThat(id).startsWith(ExecutionIds.RUN + "-").matches(ExecutionIds::wellFormed);
        assertThat(ExecutionIds.format(Long.MAX_VALUE)).matches(ExecutionIds::wellFormed);
    }

    @Test
    void malformedIdsAreRecognised() {
        assertThat(ExecutionIds.wellFormed(null)).isFalse();
        assertThat(ExecutionIds.wellFormed("")).isFalse();
        assertThat(ExecutionIds.wellFormed("uuid-123")).isFalse();
        assertThat(ExecutionIds.wellFormed(ExecutionIds.RUN + "-")).isFalse();
        assertThat(ExecutionIds.wellFormed(ExecutionIds.RUN + "-1/")).isFalse();
        assertThat(ExecutionIds.wellFormed("ABCDEFGHIJKL-1")).isFalse();
        assertThat(ExecutionIds.wellFormed("../../etc/pas")).isFalse();
    }
}
