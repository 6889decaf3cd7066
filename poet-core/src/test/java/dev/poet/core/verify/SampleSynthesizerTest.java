package dev.poet.core.verify;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleSynthesizerTest {

    private final SampleSynthesizer synthesizer = new SampleSynthesizer();

    @Test
    void validSamplesHaveNoNullsOrNaN() {
        SampleSet set = synthesizer.synthesize(Target.method("greet"));
        assertThat(set.valid()).isNotEmpty().hasSizeLessThanOrEqualTo(SampleSynthesizer.MAX_SAMPLES);
        assertThat(set.notes()).isEmpty();
        for (Object[] args : set.valid()) {
            assertThat(args).hasSize(3).doesNotContainNull();
            assertThat(args[0]).isInstanceOf(String.class);
            assertThat(args[1]).isInstanceOf(Integer.class);
            assertThat(args[2]).isInstanceOf(List.class);
            for (Object tag : (List<?>) args[2]) {
                assertThat(tag).isInstanceOf(String.class);
            }
        }
        assertThat(set.valid()).extracting(a -> a[0]).contains("", "a", " padded ");
        assertThat(set.results()).isNotEmpty().allMatch(r -> r instanceof String);
        assertThat(set.invalid()).anyMatch(a -> a[0] == null);
    }

    @Test
    void doublesAreNeverNaNOrInfiniteInTheValidSet() {
        SampleSet set = synthesizer.synthesize(Target.method("half"));
        assertThat(set.valid()).extracting(a -> (Double) a[0]).allMatch(d -> Double.isFinite(d)).contains(0.5);
        assertThat(set.invalid()).extracting(a -> a[0]).contains(Double.NaN, Double.POSITIVE_INFINITY);
        assertThat(set.invalid()).noneMatch(a -> a[0] == null);
    }

    @Test
    void arraysOfEachSize() {
        SampleSet set = synthesizer.synthesize(Target.method("reverse"));
        assertThat(set.valid()).extracting(a -> ((int[]) a[0]).length).contains(0, 1, 3);
    }

    @Test
    void rawCollectionsAreOnlyEmpty() {
        SampleSet set = synthesizer.synthesize(Target.method("raw"));
        assertThat(set.valid()).allMatch(a -> ((List<?>) a[0]).isEmpty());
        assertThat(set.valid()).anyMatch(a -> !((java.util.Map<?, ?>) a[1]).isEmpty());
    }

    @Test
    void applicationTypesAreNotSynthesisedAndSaySo() {
        SampleSet place = synthesizer.synthesize(Target.method("place"));
        assertThat(place.valid()).isEmpty();
        assertThat(place.notes()).anySatisfy(n -> assertThat(n).contains("perceive not verified").contains("Order"));
        assertThat(place.results()).containsExactly((Object) null);
        // Perceive still runs once with null in place of the application object (hangs are caught).
        assertThat(place.invalid()).hasSize(1);

        SampleSet make = synthesizer.synthesize(Target.method("make"));
        assertThat(make.valid()).isNotEmpty();
        assertThat(make.results()).isEmpty();
        assertThat(make.notes()).anySatisfy(n -> assertThat(n).contains("enforce not verified"));
    }
}
