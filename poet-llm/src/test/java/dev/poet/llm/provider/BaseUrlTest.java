package dev.poet.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.poet.core.config.ConfigLoader;
import dev.poet.core.config.LlmProvider;
import dev.poet.core.log.PoetLog;
import dev.poet.llm.Fixtures;
import dev.poet.llm.LlmGenerators;
import dev.poet.llm.ScriptedServer;
import dev.poet.llm.ScriptedServer.Reply;

/**
 * Base URLs as OpenAI-compatible servers document them (vLLM, llama.cpp, LM Studio, Ollama's compatible
 * endpoint, the OpenAI SDKs: ending in {@code /v1}) and as the providers' own roots, against a real local socket.
 */
class BaseUrlTest {

    @TempDir
    Path wd;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private ScriptedServer server;

    @AfterEach
    void close() {
        PoetLog.redirect(null);
        if (server != null) {
            server.close();
        }
    }

    private String ask(LlmProvider kind, String baseUrl) throws Exception {
        ChatProvider provider = Providers.create(Fixtures.settings(kind, baseUrl), RateLimiter.perMinute(1000));
        return provider.chat("system", List.of(ChatMessage.user("hello")), TimeBudget.ofMillis(10_000)).text();
    }

    @ParameterizedTest(name = "{0} base ''{1}'' posts to {2}")
    @CsvSource({
            "OPENAI, '', /v1/chat/completions",
            "OPENAI, /, /v1/chat/completions",
            "OPENAI, /v1, /v1/chat/completions",
            "OPENAI, /v1/, /v1/chat/completions",
            "OPENAI, /proxy, /proxy/v1/chat/completions",
            "OPENAI, /proxy/v1/, /proxy/v1/chat/completions",
            "ANTHROPIC, '', /v1/messages",
            "ANTHROPIC, /v1, /v1/messages",
            "OLLAMA, '', /api/chat",
            "OLLAMA, /api/, /api/chat"})
    void withAndWithoutTheVersionRoot(LlmProvider kind, String suffix, String expectedPath) throws Exception {
        server = new ScriptedServer(kind).thenAnswer("fine");

        assertThat(ask(kind, server.baseUrl() + suffix)).isEqualTo("fine");

        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo(expectedPath));
    }

    @Test
    void aNotFoundNamesTheUrlTriedWithoutCredentials() throws Exception {
        server = new ScriptedServer(LlmProvider.OPENAI).then(Reply.json(404, "{\"error\":\"not found\"}"));
        String base = server.baseUrl().replace("http://", "http://user:pw-secret@") + "/openai";

        assertThatThrownBy(() -> ask(LlmProvider.OPENAI, base)).isInstanceOf(ProviderException.class)
                .hasMessageContaining(server.baseUrl() + "/openai/v1/chat/completions")
                .hasMessageContaining("HTTP 404").hasMessageContaining("poet.llm.base-url")
                .hasMessageNotContaining("pw-secret");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theResolvedEndpointIsLoggedOnceAtStart() throws Exception {
        server = new ScriptedServer(LlmProvider.OPENAI);
        PoetLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));

        LlmGenerators.fromConfig(ConfigLoader.load(null, Map.of("poet.generator", "llm", "poet.llm.provider", "openai",
                "poet.llm.model", "m", "poet.llm.base-url", server.baseUrl() + "/v1/"), Map.of(), wd)).orElseThrow();

        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("LLM generator"))).singleElement().asString()
                .contains("openai/m at " + server.baseUrl() + "/v1/chat/completions");
        assertThat(text).doesNotContain("/v1/v1");
    }
}
