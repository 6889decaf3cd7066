package dev.poet.agent.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.example.legacy.Counter;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code poet.generator=llm} end to end: a local OpenAI-compatible server in this JVM answers the agent's request;
 * the answer is compiled, audited, stored and activated; a restart reuses it without asking again; a server that
 * only fails leaves the template in charge. The API key never reaches the logs or the state directory.
 */
@ExtendWith(SuppressedErrorCheck.class)
class LlmGenerationIT {

    private static final String METHOD = "com.example.legacy.Counter.label";
    private static final String KEY = "sk-test-secret";
    private static final Pattern CLASS_NAME = Pattern.compile("dev\\.poet\\.gen\\.(Poet_[A-Za-z0-9_]+)");
    private static JvmRun plain;

    @BeforeAll
    static void runWithoutAgent() {
        plain = AgentJvm.of(Counter.class).withoutAgent().run();
        assertThat(plain.stdout()).contains("body runs 10");
    }

    /** A chat-completions server: {@code reply} maps a request body to status and response body. */
    private static final class OpenAiStub implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger calls = new AtomicInteger();

        OpenAiStub(Function<String, Object[]> reply) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/chat/completions", exchange -> {
                calls.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Object[] r = reply.apply(body);
                byte[] bytes = ((String) r[1]).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders((Integer) r[0], bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A valid, transparent enhancement with the class name the prompt asks for. */
    private static Object[] validEnhancement(String requestBody) {
        Matcher m = CLASS_NAME.matcher(requestBody);
        if (!m.find()) {
            return new Object[] {400, "{\"error\":\"no class name in the prompt\"}"};
        }
        String name = m.group(1);
        String code = "package dev.poet.gen;\n\n"
                + "import dev.poet.bridge.Call;\n"
                + "import dev.poet.bridge.Enhancement;\n"
                + "import dev.poet.bridge.MethodContext;\n\n"
                + "public final class " + name + " implements Enhancement {\n"
                + "    private final MethodContext ctx;\n"
                + "    public " + name + "(MethodContext ctx) { this.ctx = ctx; }\n"
                + "    public Object[] perceive(Call call, Object[] args) throws Throwable { return args; }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "    public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
        String content = "Here is the enhancement:\n```java\n" + code + "```\n";
        return new Object[] {200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":" + json(content)
                + "}}]}"};
    }

    private static String json(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static AgentJvm counter(OpenAiStub stub, Path work) {
        return AgentJvm.of(Counter.class).workDir(work)
                .property("poet.generator", "llm")
                .property("poet.llm.provider", "openai")
                .property("poet.llm.base-url", stub.baseUrl())
                .property("poet.llm.model", "test")
                .property("poet.llm.api-key", KEY)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager")
                .property("poet.activation.timeout-ms", "30000");
    }

    private static void assertSameAsWithoutAgent(JvmRun run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    @Test
    void generatesOnceThenReusesTheStoredVersionWithoutAskingAgain(@TempDir Path work) throws Exception {
        try (OpenAiStub stub = new OpenAiStub(LlmGenerationIT::validEnhancement)) {
            JvmRun first = counter(stub, work).property("counter.linger-ms", "3000").run();

            assertSameAsWithoutAgent(first);
            assertThat(first.counter(METHOD, "calls")).as(first.toString()).isEqualTo(10);
            assertThat(stub.calls.get()).isEqualTo(1);
            assertThat(first.agentLines()).anyMatch(l -> l.contains("llm generation of " + METHOD)
                    && l.contains("succeeded") && l.contains("1 turn(s)"));
            List<Path> metadata = files(work.resolve(".poet")).stream()
                    .filter(p -> p.getFileName().toString().equals("metadata.json")).collect(Collectors.toList());
            assertThat(metadata).hasSize(1);
            String meta = Files.readString(metadata.get(0));
            assertThat(meta).containsPattern("\"generator\"\\s*:\\s*\"llm\"")
                    .containsPattern("\"provider\"\\s*:\\s*\"openai\"")
                    .containsPattern("\"model\"\\s*:\\s*\"test\"")
                    .containsPattern("\"promptHash\"\\s*:\\s*\"[0-9a-f]{64}\"");

            JvmRun second = counter(stub, work).run();

            assertSameAsWithoutAgent(second);
            assertThat(second.counter(METHOD, "calls")).as(second.toString()).isEqualTo(10);
            assertThat(stub.calls.get()).as("no LLM call on restart").isEqualTo(1);
            assertThat(second.agentLines()).noneMatch(l -> l.contains("llm generation of"));

            assertThat(first.stderr() + first.stdout() + second.stderr() + second.stdout()).doesNotContain(KEY);
            for (Path file : files(work.resolve(".poet"))) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(KEY);
            }
        }
    }

    @Test
    void aServerThatOnlyFailsLeavesTheTemplateInCharge(@TempDir Path work) throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (OpenAiStub stub = new OpenAiStub(body -> n.incrementAndGet() % 2 == 0
                ? new Object[] {200, "this is not json {"} : new Object[] {500, "{\"error\":\"" + KEY + "\"}"})) {
            // The failures are reported from the background generation: the program stays up until they are.
            JvmRun run = counter(stub, work).property("poet.llm.total-timeout-ms", "4000")
                    .property("counter.linger-ms", "3000").run();

            assertSameAsWithoutAgent(run);
            assertThat(run.agentLines()).anyMatch(l -> l.contains(METHOD) && l.contains("the template is used"));
            assertThat(run.counter(METHOD, "calls")).as(run.toString()).isEqualTo(10);
            assertThat(stub.calls.get()).isBetween(1, 5);
            assertThat(run.stderr()).doesNotContain(KEY);
            // The stored template version says why the method is not LLM-generated.
            try (var files = Files.walk(work.resolve(".poet/methods"))) {
                Path metadata = files.filter(f -> f.getFileName().toString().equals("metadata.json")).findFirst()
                        .orElseThrow();
                assertThat(Files.readString(metadata)).containsPattern("\"generator\"\\s*:\\s*\"template\"")
                        .contains("the source generator gave no acceptable answer").doesNotContain(KEY);
            }
        }
    }
}
