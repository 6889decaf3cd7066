package dev.poet.bridge.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON copies of recorded inputs: every common shape, and the bounds. */
class ValueSnapshotTest {

    static final class Custom {
    }

    @Test
    void scalars() {
        assertThat(ValueSnapshot.of(null)).isEqualTo("null");
        assertThat(ValueSnapshot.of(true)).isEqualTo("true");
        assertThat(ValueSnapshot.of(42)).isEqualTo("42");
        assertThat(ValueSnapshot.of(-7L)).isEqualTo("-7");
        assertThat(ValueSnapshot.of((short) 3)).isEqualTo("3");
        assertThat(ValueSnapshot.of((byte) 4)).isEqualTo("4");
        assertThat(ValueSnapshot.of(1.5d)).isEqualTo("1.5");
        assertThat(ValueSnapshot.of(2.25f)).isEqualTo("2.25");
        assertThat(ValueSnapshot.of(Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(ValueSnapshot.of(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(ValueSnapshot.of(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(ValueSnapshot.of('x')).isEqualTo("\"x\"");
        assertThat(ValueSnapshot.of("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
        assertThat(ValueSnapshot.of(new BigDecimal("12345678901234567890.000123")))
                .isEqualTo("12345678901234567890.000123");
        assertThat(ValueSnapshot.of(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(ValueSnapshot.of(TimeUnit.SECONDS)).isEqualTo("\"SECONDS\"");
    }

    @Test
    void arraysCollectionsAndMapsNested() {
        assertThat(ValueSnapshot.of(new int[] {1, 2, 3})).isEqualTo("[1,2,3]");
        assertThat(ValueSnapshot.of(new double[] {0.5, Double.NaN})).isEqualTo("[0.5,\"NaN\"]");
        assertThat(ValueSnapshot.of(new boolean[] {true, false})).isEqualTo("[true,false]");
        assertThat(ValueSnapshot.of(new char[] {'a'})).isEqualTo("[\"a\"]");
        assertThat(ValueSnapshot.of(new String[] {"a", null})).isEqualTo("[\"a\",null]");
        assertThat(ValueSnapshot.of(Arrays.asList(1, "two", List.of(3.0)))).isEqualTo("[1,\"two\",[3.0]]");
        assertThat(ValueSnapshot.of(new LinkedHashSet<>(List.of("x", "y")))).isEqualTo("[\"x\",\"y\"]");
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("k", new long[] {1L});
        m.put(2, Map.of("inner", new BigDecimal("0.10")));
        m.put(TimeUnit.DAYS, null);
        assertThat(ValueSnapshot.of(m)).isEqualTo("{\"k\":[1],\"2\":{\"inner\":0.10},\"DAYS\":null}");
        assertThat(ValueSnapshot.of(Collections.unmodifiableList(new ArrayList<>(List.of(1))))).isEqualTo("[1]");
    }

    @Test
    void anApplicationTypeIsMarkedNotGuessed() {
        assertThat(ValueSnapshot.of(new Custom())).isEqualTo("{\"$unrecorded\":\"" + Custom.class.getName() + "\"}");
        assertThat(ValueSnapshot.of(List.of(new Custom())))
                .isEqualTo("[{\"$unrecorded\":\"" + Custom.class.getName() + "\"}]");
        // A collection class of the application could run its own code when iterated.
        List<Integer> own = new ArrayList<Integer>() {
        };
        own.add(1);
        assertThat(ValueSnapshot.of(own)).isEqualTo("{\"$unrecorded\":\"" + own.getClass().getName() + "\"}");
    }

    @Test
    void boundsMakeTheWholeValueUnrecordedAsTooLarge() {
        Object deep = 1;
        for (int i = 0; i < ValueSnapshot.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertThat(ValueSnapshot.of(deep)).isEqualTo("{\"$unrecorded\":\"java.util.ImmutableCollections$List12\","
                + "\"reason\":\"too large\"}");
        Object fits = 1;
        for (int i = 0; i < ValueSnapshot.MAX_DEPTH - 1; i++) {
            fits = List.of(fits);
        }
        assertThat(ValueSnapshot.of(fits)).isEqualTo("[[[[[[[1]]]]]]]");

        assertThat(ValueSnapshot.of(new int[ValueSnapshot.MAX_ELEMENTS + 1]))
                .isEqualTo("{\"$unrecorded\":\"[I\",\"reason\":\"too large\"}");
        assertThat(ValueSnapshot.of(new byte[ValueSnapshot.MAX_ELEMENTS])).startsWith("[0,0,");

        String big = "x".repeat(ValueSnapshot.MAX_CHARS + 1);
        assertThat(ValueSnapshot.of(big)).isEqualTo("{\"$unrecorded\":\"java.lang.String\",\"reason\":\"too large\"}");
        List<String> manyStrings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            manyStrings.add("y".repeat(1000));
        }
        assertThat(ValueSnapshot.of(manyStrings)).contains("too large");
    }

    @Test
    void argumentsAreOneArrayWithEachValueBoundedAlone() {
        assertThat(ValueSnapshot.ofArguments(new Object[] {1, "a", new Custom()}))
                .isEqualTo("[1,\"a\",{\"$unrecorded\":\"" + Custom.class.getName() + "\"}]");
        assertThat(ValueSnapshot.ofArguments(new Object[] {"x".repeat(ValueSnapshot.MAX_CHARS + 1), 2}))
                .isEqualTo("[{\"$unrecorded\":\"java.lang.String\",\"reason\":\"too large\"},2]");
        assertThat(ValueSnapshot.ofArguments(new Object[0])).isEqualTo("[]");
    }

    @Test
    void eachArgumentHasTheWholeBoundEvenAfterLargeOnes() {
        String nearlyFull = "y".repeat(ValueSnapshot.MAX_CHARS - 10);
        String out = ValueSnapshot.ofArguments(new Object[] {nearlyFull, nearlyFull, new int[ValueSnapshot.MAX_ELEMENTS + 1], 3});
        assertThat(out).startsWith("[\"" + nearlyFull + "\",\"" + nearlyFull + "\",")
                .endsWith(",{\"$unrecorded\":\"[I\",\"reason\":\"too large\"},3]");
    }

    @Test
    void primitiveArraysAreWrittenAsTheirBoxedElementsWouldBe() {
        assertThat(ValueSnapshot.of(new double[] {1.5, Double.NaN, Double.NEGATIVE_INFINITY}))
                .isEqualTo(ValueSnapshot.of(new Object[] {1.5, Double.NaN, Double.NEGATIVE_INFINITY}))
                .isEqualTo("[1.5,\"NaN\",\"-Infinity\"]");
        assertThat(ValueSnapshot.of(new float[] {0.5f, Float.POSITIVE_INFINITY}))
                .isEqualTo(ValueSnapshot.of(new Object[] {0.5f, Float.POSITIVE_INFINITY}));
        assertThat(ValueSnapshot.of(new int[] {1, -2})).isEqualTo("[1,-2]");
        assertThat(ValueSnapshot.of(new long[] {Long.MAX_VALUE})).isEqualTo("[" + Long.MAX_VALUE + "]");
        assertThat(ValueSnapshot.of(new short[] {7})).isEqualTo("[7]");
    }
}
