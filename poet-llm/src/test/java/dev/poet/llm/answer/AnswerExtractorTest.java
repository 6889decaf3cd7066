package dev.poet.llm.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private static final String NAME = "dev.poet.gen.Poet_A_m_1";
    private static final String CODE = "package dev.poet.gen;\npublic final class Poet_A_m_1 { }";

    @Test
    void plainFenceIsRead() {
        assertThat(AnswerExtractor.extract("```\n" + CODE + "\n```", NAME).source()).isEqualTo(CODE + "\n");
    }

    @Test
    void theFenceDeclaringTheRequestedClassWins() {
        Extraction e = AnswerExtractor.extract("```java\nclass Other {}\n```\ntext\n```java\n" + CODE + "\n```", NAME);
        assertThat(e.source()).contains("Poet_A_m_1").doesNotContain("Other");
    }

    @Test
    void anUnclosedFenceIsReadToTheEnd() {
        assertThat(AnswerExtractor.extract("Here:\n```java\n" + CODE, NAME).accepted()).isTrue();
    }

    @Test
    void bareCodeLosesTheProseAroundIt() {
        Extraction e = AnswerExtractor.extract("Of course.\n" + CODE + "\nThat is all.", NAME);
        assertThat(e.source()).isEqualTo(CODE + "\n");
    }

    @Test
    void aMissingPackageIsAdded() {
        Extraction e = AnswerExtractor.extract("public final class Poet_A_m_1 { }", NAME);
        assertThat(e.source()).startsWith("package dev.poet.gen;\n");
    }

    @Test
    void anotherPackageIsRejected() {
        Extraction e = AnswerExtractor.extract("package com.acme;\npublic final class Poet_A_m_1 { }", NAME);
        assertThat(e.accepted()).isFalse();
        assertThat(e.problem()).contains("package dev.poet.gen").contains("com.acme");
    }

    @Test
    void anotherClassNameIsRejectedWithTheRequiredOne() {
        Extraction e = AnswerExtractor.extract("```java\npublic final class Enhancer { }\n```", NAME);
        assertThat(e.problem()).contains("must be named Poet_A_m_1").contains(NAME).contains("Enhancer");
    }

    @Test
    void aReplyWithoutCodeIsRejected() {
        assertThat(AnswerExtractor.extract("I cannot help with that.", NAME).problem())
                .startsWith("No Java class found");
        assertThat(AnswerExtractor.extract("  ", NAME).problem()).startsWith("The answer was empty");
    }
}
