package dev.poet.core.verify;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRecorderTest {

    @Test
    void keepsAtMostCapacityNewestFirstOut() {
        SampleRecorder recorder = new SampleRecorder();
        for (int i = 0; i < 40; i++) {
            recorder.record(7, new Object[] {i}, "r" + i);
        }
        SampleSet set = recorder.samples(7, String.class);
        assertThat(set.valid()).hasSize(SampleRecorder.DEFAULT_CAPACITY);
        assertThat(set.valid().get(0)[0]).isEqualTo(24);
        assertThat(set.valid().get(15)[0]).isEqualTo(39);
        assertThat(set.results()).hasSize(16).first().isEqualTo("r24");
        assertThat(set.recorded()).isTrue();
        assertThat(recorder.samples(8, String.class)).isNull();
    }

    @Test
    void deepCopiesArraysAndCollections() {
        SampleRecorder recorder = new SampleRecorder();
        int[] numbers = {1, 2, 3};
        List<int[]> nested = new ArrayList<>();
        nested.add(new int[] {9});
        recorder.record(1, new Object[] {numbers, nested});
        numbers[0] = 100;
        nested.get(0)[0] = 100;
        nested.add(new int[] {5});

        Object[] sample = recorder.samples(1, void.class).valid().get(0);
        assertThat((int[]) sample[0]).containsExactly(1, 2, 3);
        @SuppressWarnings("unchecked")
        List<int[]> list = (List<int[]>) sample[1];
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).containsExactly(9);
        // Handing out copies: a verification that changes a sample does not change the recorded one.
        ((int[]) sample[0])[1] = -1;
        assertThat((int[]) recorder.samples(1, void.class).valid().get(0)[0]).containsExactly(1, 2, 3);
    }

    @Test
    void oversizedSamplesAreNotRecorded() {
        SampleRecorder recorder = new SampleRecorder();
        recorder.record(1, new Object[] {"x".repeat(10_001)});
        recorder.record(1, new Object[] {new ArrayList<>(java.util.Collections.nCopies(1001, "a"))});
        recorder.record(1, new Object[] {new long[1001]});
        assertThat(recorder.count(1)).isZero();
        recorder.record(1, new Object[] {"x".repeat(10_000)});
        assertThat(recorder.count(1)).isEqualTo(1);
    }

    @Test
    void switchesOff() {
        SampleRecorder off = new SampleRecorder(false, 16);
        off.record(1, new Object[] {"a"});
        assertThat(off.count(1)).isZero();

        SampleRecorder on = new SampleRecorder();
        on.record(2, new Object[] {"a"});
        on.exclude(2);
        on.record(2, new Object[] {"b"});
        assertThat(on.count(2)).isZero();
        assertThat(on.samples(2, void.class)).isNull();
    }

    @Test
    void samplesWithoutResultsLeaveEnforceUnverified() {
        SampleRecorder recorder = new SampleRecorder();
        recorder.record(3, new Object[] {"a"});
        SampleSet set = recorder.samples(3, String.class);
        assertThat(set.results()).isEmpty();
        assertThat(set.notes()).anySatisfy(n -> assertThat(n).contains("enforce not verified"));
    }
}
