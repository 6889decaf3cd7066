package dev.poet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.config.ConfigLoader;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.log.PoetLog;

class LlmGeneratorsTest {

    @TempDir
    Path wd;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        PoetLog.redirect(null);
    }

    private PoetConfig config(Map<String, String> sys) {
        PoetLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        return ConfigLoader.load(null, sys, Map.of(), wd);
    }

    @Test
    void noProviderNoGenerator() {
        assertThat(LlmGenerators.fromConfig(config(Map.of("poet.generator", "llm")))).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("poet.llm.provider is not set");
    }

    @Test
    void aMissingModelIsReported() {
        assertThat(LlmGenerators.fromConfig(config(Map.of("poet.llm.provider", "anthropic")))).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("poet.llm.model is required for poet.llm.provider=anthropic");
    }

    @Test
    void aMalformedBaseUrlIsReported() {
        assertThat(LlmGenerators.fromConfig(config(Map.of("poet.llm.provider", "openai", "poet.llm.model", "m",
                "poet.llm.base-url", "not a url")))).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("poet.llm.base-url");
    }

    @Test
    void aConfiguredProviderGivesAGeneratorThatNeverPrintsTheKey() {
        SourceGenerator g = LlmGenerators.fromConfig(config(Map.of("poet.llm.provider", "ollama",
                "poet.llm.model", "qwen2.5-coder", "poet.llm.api-key", "sk-zzz-secret",
                "poet.llm.temperature", "0.2"))).orElseThrow();
        assertThat(g.fingerprint()).contains("provider=ollama").contains("model=qwen2.5-coder")
                .contains("temperature=0.200");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("ollama/qwen2.5-coder at http://localhost:11434")
                .doesNotContain("sk-zzz-secret");
        assertThat(g.toString()).doesNotContain("sk-zzz-secret");
    }
}
