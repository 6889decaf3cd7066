package dev.poet.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.example.legacy.Counter;
import com.example.legacy.QuoteFeed;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code poet.generator=llm}, protection never waits for the model: the template version is active from the
 * first moments however badly the model answers, and a model that failed is not asked again on every restart.
 */
@ExtendWith(SuppressedErrorCheck.class)
class LlmFirstIT {

    private static final Pattern CLASS_NAME = Pattern.compile("dev\\.poet\\.gen\\.(Poet_[A-Za-z0-9_]+)");
    private static final Pattern PROTECTED = Pattern.compile("(\\w+) protected-after-ms=(-?\\d+) failures=(\\d+)"
            + " failures-after-protection=(\\d+) calls=(\\d+)");
    private static final long RUN_MS = 12_000;

    /** Answers in turn: 500, 429, prose, Python, broken Java, malformed JSON; then never (within the run). */
    private static final class BadModel implements AutoCloseable {
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bad-model");
            t.setDaemon(true);
            return t;
        });
        final AtomicInteger requests = new AtomicInteger();

        BadModel() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/v1/chat/completions", exchange -> {
                int n = requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                int status = 200;
                String body;
                switch (n) {
                    case 1 -> {
                        status = 500;
                        body = "{\"error\":\"overloaded\"}";
                    }
                    case 2 -> {
                        status = 429;
                        body = "{\"error\":\"rate limited\"}";
                    }
                    case 3 -> body = chat("I would be glad to help you make this method more robust!");
                    case 4 -> body = chat("```python\ndef fetch_quote(symbol):\n    return retry(fetch, symbol)\n```");
                    case 5 -> body = chat("```java\npublic final class Broken implements { oops\n```");
                    case 6 -> body = "{\"choices\": [ {\"message\": ";
                    default -> {
                        try {
                            Thread.sleep(120_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        body = chat("too late");
                    }
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                }
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        private static String chat(String content) {
            return "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content.replace("\\", "\\\\")
                    .replace("\"", "\\\"").replace("\n", "\\n") + "\"}}]}";
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /**
     * A model that cannot be reached: every connection is accepted, its request read and counted, and the
     * connection closed without an answer (to the agent, a failed connection).
     */
    private static final class UnreachableModel implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        /** The class names asked for: one per generation, whatever its transport retries. */
        final Set<String> generations = ConcurrentHashMap.newKeySet();
        final Thread acceptor;

        UnreachableModel() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        s.setSoTimeout(2000);
                        String request = readRequest(s.getInputStream());
                        Matcher m = CLASS_NAME.matcher(request);
                        if (m.find()) {
                            generations.add(m.group(1));
                        }
                    } catch (IOException e) {
                        // Closed, or a client that went away: either way no answer is the point.
                    }
                }
            }, "unreachable-model");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static String readRequest(InputStream in) throws IOException {
            StringBuilder text = new StringBuilder();
            byte[] buf = new byte[8192];
            int contentLength = -1;
            int headerEnd = -1;
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    Matcher m = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(text.substring(0, headerEnd));
                    contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
                }
                if (headerEnd >= 0 && text.length() >= headerEnd + 4 + contentLength) {
                    break;
                }
            }
            return text.toString();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void measure(String line) {
        System.out.println("[measure] " + line);
    }

    private static AgentJvm llm(AgentJvm jvm, String baseUrl) {
        return jvm.property("poet.generator", "llm")
                .property("poet.llm.provider", "openai")
                .property("poet.llm.base-url", baseUrl)
                .property("poet.llm.model", "test")
                .property("poet.llm.api-key", "sk-test")
                .property("poet.summary", "true");
    }

    private static Matcher protection(JvmRun run, String method) {
        Matcher m = PROTECTED.matcher(run.stdout());
        while (m.find()) {
            if (m.group(1).equals(method)) {
                return m;
            }
        }
        throw new AssertionError("no report of " + method + " in\n" + run);
    }

    @Test
    void aModelThatAnswersOnlyBadlyNeverDelaysTheTemplate(@TempDir Path work) throws Exception {
        JvmRun template = AgentJvm.of(QuoteFeed.class).workDir(Files.createDirectories(work.resolve("template")))
                .args(String.valueOf(RUN_MS)).run();
        JvmRun run;
        int requests;
        try (BadModel model = new BadModel()) {
            run = llm(AgentJvm.of(QuoteFeed.class), model.baseUrl())
                    .workDir(Files.createDirectories(work.resolve("llm")))
                    .property("poet.llm.repair-turns", "3")
                    .args(String.valueOf(RUN_MS)).run();
            requests = model.requests.get();
        }

        assertThat(template.exitCode()).as(template.toString()).isZero();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // The model was asked, and answered in every bad way (then, if a second generation started within the run,
        // not at all).
        assertThat(requests).as(run.toString()).isGreaterThanOrEqualTo(6);
        for (String method : List.of("fetchQuote", "fetchRate")) {
            Matcher withTemplate = protection(template, method);
            Matcher withLlm = protection(run, method);
            long templateMs = Long.parseLong(withTemplate.group(2));
            long llmMs = Long.parseLong(withLlm.group(2));
            assertThat(templateMs).as(template.toString()).isNotNegative();
            // Retried as early as with templates (with a margin for a loaded machine); asking the model first left
            // fetchQuote unprotected for its whole conversation and fetchRate, behind the silent reply, all run.
            assertThat(llmMs).as(run.toString()).isBetween(0L, templateMs + 3000);
            assertThat(Integer.parseInt(withLlm.group(4))).as(run.toString()).isZero();
            measure(method + ": first call to protection: template mode " + templateMs + " ms, llm mode (bad model, "
                    + requests + " requests) " + llmMs + " ms");
            assertThat(run.counter("com.example.legacy.QuoteFeed." + method, "retries")).as(run.toString())
                    .isPositive();
        }
        assertThat(run.agentLines()).anyMatch(l -> l.contains("QuoteFeed.") && l.contains("the template is used"));
    }

    @Test
    void anUnreachableModelIsAskedOnceOverTenRestarts(@TempDir Path work) throws Exception {
        try (UnreachableModel model = new UnreachableModel()) {
            for (int i = 0; i < 10; i++) {
                JvmRun run = llm(AgentJvm.of(Counter.class), model.baseUrl()).workDir(work)
                        .property("poet.methods.include", "com.example.legacy.Counter[label]")
                        .property("poet.activation", "eager")
                        // Ten JVM starts on a loaded machine can take longer than the default minute.
                        .property("poet.llm.retry-delay-ms", "600000")
                        // The first run stays up until its background generation has failed and said when to
                        // ask again; on a loaded machine the program's ten calls end sooner than that.
                        .property("counter.linger-ms", i == 0 ? "5000" : "0").run();
                assertThat(run.exitCode()).as(run.toString()).isZero();
                // Every restart is protected by the template, asked or not.
                assertThat(run.counter("com.example.legacy.Counter.label", "calls")).as(run.toString())
                        .isEqualTo(10);
                if (i > 0) {
                    assertThat(run.agentLines()).as(run.toString())
                            .anyMatch(l -> l.contains("LLM generation held back until"));
                }
            }
            assertThat(model.generations).as("generations asked for over 10 runs").hasSizeLessThanOrEqualTo(1);
            // One generation's transport retries at most (the provider's default of 5 requests).
            assertThat(model.connections.get()).as("requests over 10 runs").isBetween(1, 5);
            measure("unreachable model, 10 runs: requests=" + model.connections.get() + " generations="
                    + model.generations.size());
        }
        try (Stream<Path> files = Files.walk(work.resolve(".poet/methods"))) {
            List<Path> backoff = files.filter(f -> f.getFileName().toString().equals("llm-backoff.json"))
                    .collect(Collectors.toList());
            assertThat(backoff).hasSize(1);
            assertThat(Files.readString(backoff.get(0))).contains("\"failures\" : 1");
        }
    }
}
