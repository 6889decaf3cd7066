package dev.poet.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.api.Poet;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    private static MethodDescription method(String name) {
        return TypeDescription.ForLoadedType.of(Annotated.class).getDeclaredMethods()
                .filter(net.bytebuddy.matcher.ElementMatchers.named(name)).getOnly();
    }

    @Test
    void readsTheValuesThatDifferFromTheDefaults() {
        Map<String, String> settings = PoetAnnotation.settings(PoetAnnotation.find(method("configured").getDeclaredAnnotations()));

        assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of("domain", "api_operations", "retries", "1",
                "timeout-ms", "250", "idempotent", "false", "optimize-for", "latency"));
        assertThat(PoetAnnotation.settings(PoetAnnotation.find(method("defaults").getDeclaredAnnotations()))).isEmpty();
        assertThat(PoetAnnotation.find(method("plain").getDeclaredAnnotations())).isNull();
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
