package dev.poet.llm.generate;

import static dev.poet.llm.Fixtures.CLASS_NAME;
import static dev.poet.llm.Fixtures.KEY;
import static dev.poet.llm.Fixtures.fenced;
import static dev.poet.llm.Fixtures.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.poet.core.config.LlmProvider;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.log.PoetLog;
import dev.poet.llm.Fixtures;
import dev.poet.llm.RealCheck;
import dev.poet.llm.ScriptedServer;
import dev.poet.llm.ScriptedServer.Reply;

/**
 * The generator against a local server speaking each provider's protocol with scripted answers, every answer
 * going through real Janino compilation and the real audit.
 */
class LlmSourceGeneratorTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private ScriptedServer server;

    @BeforeEach
    void captureLog() {
        PoetLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        PoetLog.redirect(null);
        if (server != null) {
            server.close();
        }
    }

    private ScriptedServer server(LlmProvider kind) throws Exception {
        server = new ScriptedServer(kind);
        return server;
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void goodCodeIsCompiledAuditedAndReturnedWithProvenance(LlmProvider kind) throws Exception {
        server(kind).thenAnswer(fenced(good()));
        RealCheck check = new RealCheck(Fixtures.greet(), CLASS_NAME);

        GeneratedSource source = Fixtures.generator(kind, server.baseUrl()).generate(Fixtures.request(), check);

        assertThat(source.classes()).containsKey(CLASS_NAME);
        assertThat(source.source()).contains("class Poet_Greeter_greet_0000test");
        assertThat(source.provenance()).containsEntry("generator", "llm")
                .containsEntry("provider", kind.name().toLowerCase(java.util.Locale.ROOT))
                .containsEntry("model", "test-model").containsEntry("attempts", "1").containsEntry("turns", "1")
                .containsKey("prompt-hash");
        assertThat(source.provenance().get("prompt-hash")).hasSize(64);
        assertThat(check.problems()).isEmpty();

        ScriptedServer.Request request = server.requests().get(0);
        JsonNode body = request.json();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        switch (kind) {
            case OPENAI -> {
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
                assertThat(body.has("temperature")).isTrue();
                assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
                assertThat(body.path("messages").get(1).path("content").asText()).contains(CLASS_NAME);
            }
            case ANTHROPIC -> {
                assertThat(request.path()).isEqualTo("/v1/messages");
                assertThat(request.header("x-api-key")).isEqualTo(KEY);
                assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
                assertThat(body.path("system").asText()).contains("Janino");
                assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
                assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
            }
            case OLLAMA -> {
                assertThat(request.path()).isEqualTo("/api/chat");
                assertThat(body.path("stream").asBoolean(true)).isFalse();
                assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(1024);
                assertThat(body.path("options").has("temperature")).isTrue();
            }
            default -> throw new AssertionError(kind);
        }
        assertThat(logText().lines().filter(l -> l.contains("llm generation of com.example.app.Greeter.greet")))
                .singleElement().satisfies(l -> assertThat(l).contains("succeeded").contains("1 HTTP request(s)")
                        .contains("1 turn(s)").contains("/test-model"));
    }

    @Test
    void codeInsideProseAndSeveralFencesIsFound() throws Exception {
        server(LlmProvider.OPENAI).thenAnswer("Sure! Here is a plan:\n```text\n1. check args\n```\n"
                + "A helper first:\n```\nclass Helper {}\n```\nAnd the enhancement:\n" + fenced(good())
                + "\nIt keeps the method transparent.");

        GeneratedSource source = Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat(source.source()).doesNotContain("Helper").doesNotContain("Sure!");
        assertThat(source.provenance()).containsEntry("turns", "1");
    }

    @Test
    void aBareClassWithoutPackageOrFencesIsAccepted() throws Exception {
        String bare = good().replace("package dev.poet.gen;\n", "");
        server(LlmProvider.ANTHROPIC).thenAnswer("Here you go:\n\n" + bare + "\nHope this helps.");

        GeneratedSource source = Fixtures.generator(LlmProvider.ANTHROPIC, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat(source.source()).startsWith("package dev.poet.gen;");
    }

    @ParameterizedTest
    @EnumSource(LlmProvider.class)
    void aLambdaIsSentBackWithTheCompilerMessageAndRepaired(LlmProvider kind) throws Exception {
        server(kind).thenAnswer(fenced(Fixtures.withLambda())).thenAnswer(fenced(good()));
        RealCheck check = new RealCheck(Fixtures.greet(), CLASS_NAME);

        GeneratedSource source = Fixtures.generator(kind, server.baseUrl()).generate(Fixtures.request(), check);

        assertThat(source.provenance()).containsEntry("turns", "2").containsEntry("attempts", "2");
        assertThat(check.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("compile error"));
        List<ScriptedServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        String repair = ScriptedServer.lastUserMessage(requests.get(1));
        assertThat(repair).contains(check.problems().get(0));
        // The conversation is kept: the first answer is in the second request.
        assertThat(requests.get(1).body()).contains("() -> {}");
    }

    @Test
    void codeThatNeverCompilesFailsAfterTheRepairTurns() throws Exception {
        server(LlmProvider.OLLAMA).thenAnswer(fenced(Fixtures.withLambda()));

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OLLAMA, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class)
                .hasMessageContaining("no acceptable answer after 3 turn(s)")
                .hasMessageContaining("compile error");
        assertThat(server.requests()).hasSize(3);
        assertThat(logText()).contains("failed (no acceptable answer after 3 turn(s)");
    }

    @Test
    void theLastRejectionIsKeptWholeWithEveryFinding() throws Exception {
        server(LlmProvider.OPENAI).thenAnswer(fenced(good()));
        StringBuilder findings = new StringBuilder("audit rejected the generated code: ");
        for (int i = 1; i <= 40; i++) {
            findings.append(i == 1 ? "" : "; ").append("finding ").append(i).append(" denied: java.lang.Runtime.exec");
        }
        String rejection = findings.toString();

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), source -> dev.poet.core.generate.SourceCheck.Result.fail(rejection)))
                .isInstanceOf(GenerationFailure.class)
                .hasMessageContaining("finding 1 denied")
                .hasMessageContaining("finding 40 denied: java.lang.Runtime.exec");
        assertThat(rejection.length()).isGreaterThan(1_000);
    }

    @Test
    void anAuditRejectionIsSentBackAndRepaired() throws Exception {
        server(LlmProvider.OPENAI).thenAnswer(fenced(Fixtures.withSystemExit())).thenAnswer(fenced(good()));
        RealCheck check = new RealCheck(Fixtures.greet(), CLASS_NAME);

        GeneratedSource source = Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), check);

        assertThat(source.source()).doesNotContain("System.exit");
        assertThat(check.problems()).singleElement().satisfies(p -> assertThat(p).contains("exit"));
        assertThat(ScriptedServer.lastUserMessage(server.requests().get(1))).contains(check.problems().get(0));
    }

    @Test
    void aWrongClassNameIsRejectedWithTheRequiredName() throws Exception {
        server(LlmProvider.ANTHROPIC).thenAnswer(fenced(Fixtures.enhancement("MyEnhancement", "")))
                .thenAnswer(fenced(good()));

        GeneratedSource source = Fixtures.generator(LlmProvider.ANTHROPIC, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat(source.provenance()).containsEntry("turns", "2");
        assertThat(ScriptedServer.lastUserMessage(server.requests().get(1)))
                .contains("must be named " + Fixtures.SIMPLE_NAME).contains("MyEnhancement");
    }

    @Test
    void http429WithRetryAfterIsHonouredThenSucceeds() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "1"))
                .thenAnswer(fenced(good()));
        long start = System.nanoTime();

        GeneratedSource source = Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(950);
        assertThat(source.provenance()).containsEntry("attempts", "2").containsEntry("turns", "1");
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server(LlmProvider.OLLAMA).then(Reply.json(500, "{}"), Reply.json(503, "{}")).thenAnswer(fenced(good()));

        GeneratedSource source = Fixtures.generator(LlmProvider.OLLAMA, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat(source.provenance()).containsEntry("attempts", "3");
        assertThat(logText()).contains("3 HTTP request(s)");
    }

    @Test
    void serverErrorsForeverGiveUpAfterTheAttemptLimit() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(502, "bad gateway"));

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("gave up after 5 request(s)")
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(404, "{\"error\":\"model not found\"}"));

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining("model not found");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aReplyThatNeverComesEndsAtTheTotalTimeout() throws Exception {
        server(LlmProvider.ANTHROPIC).then(Reply.json(200, ScriptedServer.answerBody(LlmProvider.ANTHROPIC,
                fenced(good()))).delayed(5_000));
        var s = Fixtures.settings(LlmProvider.ANTHROPIC, server.baseUrl());
        var settings = new dev.poet.llm.provider.ProviderSettings(s.kind(), s.baseUrl(), s.model(), s.apiKey(),
                200, 1024, 0.0, 200_000, 5, 10, 50);
        long start = System.nanoTime();

        assertThatThrownBy(() -> Fixtures.generator(settings, new GenerationLimits(700, 2, 2))
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("no answer within");

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void malformedJsonIsAClearFailure() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(200, "{\"choices\": [ {\"message\": "));

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void jsonWithoutTheAnswerFieldIsAClearFailure() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(200, "{\"choices\": []}"));

        assertThatThrownBy(() -> Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("choices[0].message.content");
    }

    @Test
    void anAnswerLongerThanTheLimitIsRejected() throws Exception {
        server(LlmProvider.OPENAI).thenAnswer(fenced(good()) + "x".repeat(5_000));
        var s = Fixtures.settings(LlmProvider.OPENAI, server.baseUrl());
        var settings = new dev.poet.llm.provider.ProviderSettings(s.kind(), s.baseUrl(), s.model(), s.apiKey(),
                5_000, 1024, 0.0, 2_000, 5, 10, 50);

        assertThatThrownBy(() -> Fixtures.generator(settings, new GenerationLimits(10_000, 2, 2))
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("more than poet.llm.max-answer-chars=2000");
    }

    @Test
    void anEnormousBodyIsCutOffWithoutReadingItAll() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        server(LlmProvider.OLLAMA).then(new Reply(200, java.util.Map.of(), huge, 0));
        var s = Fixtures.settings(LlmProvider.OLLAMA, server.baseUrl());
        var settings = new dev.poet.llm.provider.ProviderSettings(s.kind(), s.baseUrl(), s.model(), s.apiKey(),
                5_000, 1024, 0.0, 10_000, 5, 10, 50);

        assertThatThrownBy(() -> Fixtures.generator(settings, new GenerationLimits(10_000, 2, 2))
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME)))
                .isInstanceOf(GenerationFailure.class).hasMessageContaining("answer rejected")
                .hasMessageContaining("poet.llm.max-answer-chars=10000");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void maxConcurrentBoundsGenerationsInFlight() throws Exception {
        server(LlmProvider.OPENAI).then(Reply.json(200, ScriptedServer.answerBody(LlmProvider.OPENAI,
                fenced(good()))).delayed(150));
        LlmSourceGenerator generator = Fixtures.generator(Fixtures.settings(LlmProvider.OPENAI, server.baseUrl()),
                new GenerationLimits(20_000, 0, 1));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                try {
                    generator.generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));
                    ok.incrementAndGet();
                } catch (GenerationFailure e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(ok.get()).isEqualTo(3);
        assertThat(server.maxInFlight()).isEqualTo(1);
    }

    @Test
    void theKeyNeverLeavesTheRequestHeader() throws Exception {
        // A server that echoes the key in its error, then a repair conversation, then a rejection.
        server(LlmProvider.OPENAI)
                .thenAnswer(fenced(Fixtures.withLambda()))
                .then(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        LlmSourceGenerator generator = Fixtures.generator(LlmProvider.OPENAI, server.baseUrl());
        GenerationFailure failure = null;
        try {
            generator.generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));
        } catch (GenerationFailure e) {
            failure = e;
        }
        server.close();
        server = new ScriptedServer(LlmProvider.OPENAI).thenAnswer(fenced(good()));
        GeneratedSource ok = Fixtures.generator(LlmProvider.OPENAI, server.baseUrl())
                .generate(Fixtures.request(), new RealCheck(Fixtures.greet(), CLASS_NAME));

        assertThat(failure).isNotNull();
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        String everything = logText() + "\n" + trace + "\n" + ok.provenance() + "\n" + ok.source() + "\n"
                + generator + "\n" + generator.fingerprint() + "\n"
                + Fixtures.settings(LlmProvider.OPENAI, server.baseUrl());
        assertThat(failure.getMessage()).contains("HTTP 401").contains("****");
        assertThat(everything).doesNotContain(KEY).doesNotContain("SECRET-0123456789");
        // Sanity: the key did go where it belongs.
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void fingerprintNamesPromptVersionProviderModelAndTemperature() {
        LlmSourceGenerator g = Fixtures.generator(LlmProvider.ANTHROPIC, "http://127.0.0.1:1");
        assertThat(g.fingerprint()).isEqualTo("llm|prompt=" + dev.poet.llm.prompt.PromptBuilder.PROMPT_VERSION
                + "|provider=anthropic|model=test-model|temperature=0.000");
    }
}
