package dev.poet.llm.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.poet.core.config.ConfigKeys;

/**
 * What all three protocols share: POST a JSON body, read a JSON answer, and the request discipline around it.
 *
 * <p>Retried (up to {@link ProviderSettings#maxAttempts()} requests, never past the total budget): HTTP 429 and
 * 5xx, connection failures and requests that got no answer within {@code poet.llm.timeout-ms}. The delay is the
 * server's {@code Retry-After} when it sends one, else exponential backoff with full jitter. Not retried: other
 * statuses (a wrong key or model will not get better), malformed JSON, and an answer over the size limit.
 */
abstract class HttpChatProvider implements ChatProvider {

    /** Enough for the JSON envelope and escapes around the longest accepted answer. */
    private static final long ENVELOPE_BYTES = 64 * 1024;
    private static final int SNIPPET_CHARS = 300;

    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final ProviderSettings settings;
    private final HttpClient http;
    private final RateLimiter rateLimiter;

    HttpChatProvider(ProviderSettings settings, HttpClient http, RateLimiter rateLimiter) {
        this.settings = settings;
        this.http = http;
        this.rateLimiter = rateLimiter;
    }

    /** Protocol headers besides {@code Content-Type}, the key included when present. */
    abstract Map<String, String> headers();

    abstract ObjectNode body(String system, List<ChatMessage> messages);

    /** The reply text from a successful response. */
    abstract String text(JsonNode response) throws ProviderException;

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public final ChatAnswer chat(String system, List<ChatMessage> messages, TimeBudget budget)
            throws ProviderException, InterruptedException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(body(system, messages));
        } catch (JsonProcessingException e) {
            throw new ProviderException("request not serialisable: " + e.getOriginalMessage(), 0);
        }
        URI uri = settings.endpoint();
        long byteLimit = Math.min(Integer.MAX_VALUE - 8, settings.maxAnswerChars() * 6L + ENVELOPE_BYTES);
        int attempts = 0;
        String lastProblem = "no request sent";
        while (true) {
            if (budget.expired()) {
                throw new ProviderException("total time-out of " + budget.totalMs() + " ms reached after "
                        + attempts + " request(s); last: " + lastProblem, attempts);
            }
            if (!rateLimiter.acquire(budget)) {
                throw new ProviderException("rate limit (poet.llm.rate-limit-per-minute) leaves no request within the "
                        + "total time-out; last: " + lastProblem, attempts);
            }
            attempts++;
            long timeoutMs = Math.max(1, Math.min(settings.requestTimeoutMs(), budget.remainingMs()));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(timeoutMs))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers().forEach(request::header);
            OptionalLong retryAfter = OptionalLong.empty();
            CompletableFuture<HttpResponse<byte[]>> pending =
                    http.sendAsync(request.build(), LimitedBody.handler(byteLimit));
            try {
                // The request time-out of java.net.http covers the headers only; this bounds the body too.
                HttpResponse<byte[]> response = pending.get(timeoutMs + 50, TimeUnit.MILLISECONDS);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new ChatAnswer(answerText(response.body(), attempts), attempts);
                }
                String problem = "HTTP " + status + snippet(response.body());
                if (status != 429 && status < 500) {
                    throw new ProviderException("POST " + settings.endpointForDisplay() + " answered " + problem
                            + (status == 404 ? " (is " + ConfigKeys.LLM_BASE_URL + " the server's root or its /v1 "
                            + "root? model '" + settings.model() + "' served there?)" : ""), attempts);
                }
                lastProblem = problem;
                retryAfter = RetryAfterHeader.parseMillis(response.headers().firstValue("Retry-After").orElse(null),
                        Instant.now());
            } catch (TimeoutException e) {
                pending.cancel(true);
                lastProblem = "no answer within " + timeoutMs + " ms (poet.llm.timeout-ms)";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof LimitedBody.TooLarge) {
                    throw new ProviderException("answer rejected: " + cause.getMessage()
                            + " (poet.llm.max-answer-chars=" + settings.maxAnswerChars() + ")", attempts);
                }
                if (cause instanceof java.net.http.HttpTimeoutException) {
                    lastProblem = "no answer within " + timeoutMs + " ms (poet.llm.timeout-ms)";
                } else if (cause instanceof IOException) {
                    lastProblem = "connection failed: " + describe(cause);
                } else {
                    throw new ProviderException("request failed: " + describe(cause), attempts);
                }
            } catch (InterruptedException e) {
                pending.cancel(true);
                throw e;
            }
            if (attempts >= settings.maxAttempts()) {
                throw new ProviderException("gave up after " + attempts + " request(s): " + lastProblem, attempts);
            }
            long delay = retryAfter.isPresent() ? retryAfter.getAsLong() : backoff(attempts);
            if (delay >= budget.remainingMs()) {
                throw new ProviderException("gave up after " + attempts + " request(s), the next retry (in " + delay
                        + " ms) would pass the total time-out of " + budget.totalMs() + " ms: " + lastProblem,
                        attempts);
            }
            Thread.sleep(delay);
        }
    }

    private String answerText(byte[] body, int attempts) throws ProviderException {
        JsonNode response;
        try {
            response = JSON.readTree(body);
        } catch (IOException e) {
            throw new ProviderException("malformed JSON in the answer" + snippet(body), attempts);
        }
        if (response == null || !response.isObject()) {
            throw new ProviderException("the answer is not a JSON object" + snippet(body), attempts);
        }
        String text;
        try {
            text = text(response);
        } catch (ProviderException e) {
            throw new ProviderException(e.getMessage(), attempts);
        }
        if (text.length() > settings.maxAnswerChars()) {
            throw new ProviderException("answer rejected: " + text.length() + " characters, more than "
                    + "poet.llm.max-answer-chars=" + settings.maxAnswerChars(), attempts);
        }
        return text;
    }

    /** Full jitter over an exponentially growing, capped ceiling (at least 1 ms, so a retry never spins). */
    private long backoff(int attempt) {
        long ceiling = settings.backoffInitialMs();
        for (int i = 1; i < attempt && ceiling < settings.backoffMaxMs(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, settings.backoffMaxMs());
        return 1 + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling));
    }

    /** The start of a body, one line, with the key redacted (some servers echo it in their errors). */
    private String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        if (text.length() > SNIPPET_CHARS) {
            text = text.substring(0, SNIPPET_CHARS) + "...";
        }
        return ": " + settings.apiKey().redact(text);
    }

    private String describe(Throwable t) {
        String message = t.getMessage();
        return settings.apiKey().redact(t.getClass().getSimpleName() + (message == null ? "" : " " + message));
    }

    /** A text field or a clear problem. */
    static String requireText(JsonNode node, String path) throws ProviderException {
        if (node == null || !node.isTextual()) {
            throw new ProviderException("the answer has no " + path, 0);
        }
        return node.asText();
    }

    /** {@code Authorization: Bearer <key>} when a key is configured (OpenAI-compatible servers, Ollama proxies). */
    Map<String, String> bearerAuthorization() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (settings.apiKey().isPresent()) {
            headers.put("Authorization", "Bearer " + settings.apiKey().reveal());
        }
        return headers;
    }

    /** {@code {model, messages:[system, ...turns]}}, the chat shape OpenAI and Ollama share. */
    ObjectNode chatBody(String system, List<ChatMessage> messages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("messages");
        list.addObject().put("role", "system").put("content", system);
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        return body;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
