package dev.poet.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationFactsTest {

    static class Sample {
        int add(int left, int right) {
            return left + right;
        }

        int sub(int left, int right) {
            return left - right;
        }

        static String twice(String text, long times) {
            return text + text + times;
        }
    }

    @Test
    void readsParameterNamesFromTheLocalVariableTable() {
        GenerationFacts facts = GenerationFacts.read(Sample.class.getClassLoader(), Sample.class.getName());

        assertThat(facts.method("add", "(II)I").parameterNames()).containsExactly("left", "right");
        assertThat(facts.method("twice", "(Ljava/lang/String;J)Ljava/lang/String;").parameterNames())
                .containsExactly("text", "times");
        assertThat(facts.classFile()).isNotEmpty();
    }

    @Test
    void bodyHashesDifferWhenTheCodeDiffers() {
        GenerationFacts facts = GenerationFacts.read(Sample.class.getClassLoader(), Sample.class.getName());

        assertThat(facts.method("add", "(II)I").bodyHash()).hasSize(64)
                .isNotEqualTo(facts.method("sub", "(II)I").bodyHash());
        assertThat(GenerationFacts.read(Sample.class.getClassLoader(), Sample.class.getName())
                .method("add", "(II)I").bodyHash()).isEqualTo(facts.method("add", "(II)I").bodyHash());
    }

    @Test
    void unreadableClassesGiveNoFacts() {
        GenerationFacts facts = GenerationFacts.read(getClass().getClassLoader(), "no.such.Type");

        assertThat(facts.method("x", "()V")).isNull();
        assertThat(facts.classFile()).isNull();
    }
}
