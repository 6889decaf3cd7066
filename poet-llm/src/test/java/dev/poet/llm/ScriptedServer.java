package dev.poet.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.poet.core.config.LlmProvider;

/**
 * A local HTTP server on 127.0.0.1 that speaks one provider's real protocol with scripted replies, and records
 * every request it got. The last scripted reply repeats once the script is used up.
 */
public final class ScriptedServer implements AutoCloseable {

    /** One scripted reply. */
    public record Reply(int status, Map<String, String> headers, byte[] body, long delayMs) {

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8), 0);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMs);
        }

        public Reply delayed(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final LlmProvider protocol;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply last;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public ScriptedServer(LlmProvider protocol) throws IOException {
        this.protocol = protocol;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                Reply reply = script.pollFirst();
                if (reply == null) {
                    reply = last;
                } else {
                    last = reply;
                }
                if (reply == null) {
                    reply = Reply.json(500, "{\"error\":\"no script\"}");
                }
                if (reply.delayMs() > 0) {
                    try {
                        Thread.sleep(reply.delayMs());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                } catch (IOException e) {
                    // The client hung up (time-out, size limit): expected in some tests.
                }
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues replies. */
    public ScriptedServer then(Reply... replies) {
        for (Reply r : replies) {
            script.addLast(r);
        }
        return this;
    }

    /** Queues a successful reply carrying {@code text} as the model's answer, in this server's protocol. */
    public ScriptedServer thenAnswer(String text) {
        return then(Reply.json(200, answerBody(protocol, text)));
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The provider's success body carrying {@code text}. */
    public static String answerBody(LlmProvider protocol, String text) {
        ObjectNode root = JSON.createObjectNode();
        switch (protocol) {
            case OPENAI:
                root.put("id", "chatcmpl-1").put("object", "chat.completion");
                ObjectNode choice = root.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", text);
                break;
            case ANTHROPIC:
                root.put("id", "msg_1").put("type", "message").put("role", "assistant");
                root.putArray("content").addObject().put("type", "text").put("text", text);
                root.put("stop_reason", "end_turn");
                break;
            case OLLAMA:
                root.put("model", "m").put("done", true);
                root.putObject("message").put("role", "assistant").put("content", text);
                break;
            default:
                throw new IllegalArgumentException();
        }
        return root.toString();
    }

    /** The text of the last user message of a request, in any of the three protocols. */
    public static String lastUserMessage(Request request) {
        JsonNode messages = request.json().get("messages");
        String text = null;
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                text = m.path("content").asText();
            }
        }
        return text;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
