package dev.poet.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.api.Poet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @Poet} as the agent reads it: by name, from class-file bytes, before the class exists. */
class PoetAnnotationTest {

    static class Annotated {
        @Poet(domain = "api_operations", retries = 1, timeoutMs = 250, idempotent = false, optimizeFor = "latency")
        public void configured() {
        }

        @Poet
        public void defaults() {
        }

        public void plain() {
        }

        public synchronized native void nativeOne();
    }

    @Poet(domain = "base")
    static class OnTheClass {
        void packagePrivate() {
        }
    }

    private static SelectionFacts.Method method(SelectionFacts facts, String name) {
        return facts.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsTheValuesThatDifferFromTheDefaults() throws IOException {
        SelectionFacts facts = SelectionFacts.read(classFile(Annotated.class));

        assertThat(SelectionFacts.settings(method(facts, "configured").poet)).containsExactlyInAnyOrderEntriesOf(
                Map.of("domain", "api_operations", "retries", "1", "timeout-ms", "250", "idempotent", "false",
                        "optimize-for", "latency"));
        assertThat(method(facts, "defaults").poet).isNotNull();
        assertThat(SelectionFacts.settings(method(facts, "defaults").poet)).isEmpty();
        assertThat(method(facts, "plain").poet).isNull();
        assertThat(method(facts, "nativeOne").isEnhanceable()).isFalse();
        assertThat(method(facts, "<init>").isEnhanceable()).isFalse();
        assertThat(facts.classPoet).isNull();
    }

    @Test
    void readsTheAnnotationOnTheClass() throws IOException {
        SelectionFacts facts = SelectionFacts.read(classFile(OnTheClass.class));

        assertThat(SelectionFacts.settings(facts.classPoet)).containsExactly(Map.entry("domain", "base"));
        assertThat(method(facts, "packagePrivate").isPrivate()).isFalse();
    }

    @Test
    void findsTheAnnotationInClassFileBytes() throws IOException {
        assertThat(PoetAnnotation.mentionedIn(classFile(Annotated.class))).isTrue();
        assertThat(PoetAnnotation.mentionedIn(classFile(PoetAnnotationTest.class))).isFalse();
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
                + ".class")) {
            return in.readAllBytes();
        }
    }
}
