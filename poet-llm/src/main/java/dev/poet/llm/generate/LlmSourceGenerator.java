package dev.poet.llm.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.GenerationFailure;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.SourceCheck;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.log.PoetLog;
import dev.poet.llm.answer.AnswerExtractor;
import dev.poet.llm.answer.Extraction;
import dev.poet.llm.prompt.Prompt;
import dev.poet.llm.prompt.PromptBuilder;
import dev.poet.llm.provider.ChatAnswer;
import dev.poet.llm.provider.ChatMessage;
import dev.poet.llm.provider.ChatProvider;
import dev.poet.llm.provider.ProviderException;
import dev.poet.llm.provider.Secret;
import dev.poet.llm.provider.TimeBudget;

/**
 * Asks a language model for a method's enhancement and keeps the conversation going until an answer passes the
 * {@link SourceCheck} (compile, audit, load) or the repair turns run out: each rejection's exact text (the
 * compiler's message, the audit's reason, the required class name) goes back as the next user turn.
 *
 * <p>Never blocks the application and never breaks it: it runs on the engine's generator thread, waits for one
 * of {@code poet.llm.max-concurrent} slots, and everything (slot, requests, retries, checks) is bounded by
 * {@code poet.llm.total-timeout-ms}. Any problem ends in a {@link GenerationFailure}, and the pipeline uses the
 * template. Each generation logs one line. The API key never appears in a message, log line or provenance.
 */
public final class LlmSourceGenerator implements SourceGenerator {

    private static final int MAX_PROBLEM_CHARS = 4_000;

    private final ChatProvider provider;
    private final PromptBuilder prompts;
    private final GenerationLimits limits;
    private final double temperature;
    private final Secret secret;
    private final Semaphore slots;

    /**
     * @param temperature part of the fingerprint: another temperature may give other code
     * @param secret      the key, only to redact it from anything this generator says
     */
    public LlmSourceGenerator(ChatProvider provider, PromptBuilder prompts, GenerationLimits limits,
                              double temperature, Secret secret) {
        this.provider = provider;
        this.prompts = prompts;
        this.limits = limits;
        this.temperature = temperature;
        this.secret = secret == null ? Secret.none() : secret;
        this.slots = new Semaphore(limits.maxConcurrent(), true);
    }

    @Override
    public String fingerprint() {
        return "llm|prompt=" + PromptBuilder.PROMPT_VERSION + "|provider=" + provider.name() + "|model="
                + provider.model() + "|temperature=" + String.format(Locale.ROOT, "%.3f", temperature);
    }

    @Override
    public long retryDelayMs() {
        return limits.retryDelayMs();
    }

    @Override
    public GeneratedSource generate(GenerationRequest request, SourceCheck check) throws GenerationFailure {
        String method = request.method().getDeclaringClass().getName() + "." + request.method().getName();
        Conversation c = new Conversation();
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            GeneratedSource source = converse(request, check, c);
            outcome = "succeeded";
            return source;
        } catch (GenerationFailure e) {
            outcome = "failed (" + e.getMessage() + ")";
            throw e;
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            PoetLog.info(secret.redact("llm generation of " + method + " (" + provider.name() + "/"
                    + provider.model() + "): " + outcome + " in " + ms + " ms, " + c.attempts + " HTTP request(s), "
                    + c.turns + " turn(s)"));
        }
    }

    /** What one generation did so far, for the log line and the provenance. */
    private static final class Conversation {
        int attempts;
        int turns;
        long modelNanos;
        long ownNanos;
    }

    private GeneratedSource converse(GenerationRequest request, SourceCheck check, Conversation c)
            throws GenerationFailure {
        TimeBudget budget = TimeBudget.ofMillis(limits.totalTimeoutMs());
        try {
            if (!slots.tryAcquire(budget.remainingMs(), TimeUnit.MILLISECONDS)) {
                throw failure("no free generation slot (poet.llm.max-concurrent=" + limits.maxConcurrent()
                        + ") within the total time-out of " + limits.totalTimeoutMs() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for a generation slot");
        }
        try {
            long t0 = System.nanoTime();
            Prompt prompt = prompts.build(request);
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(ChatMessage.user(prompt.user()));
            c.ownNanos += System.nanoTime() - t0;
            String lastProblem = null;
            for (int turn = 0; turn <= limits.repairTurns(); turn++) {
                if (turn > 0 && budget.expired()) {
                    break;
                }
                c.turns++;
                long t1 = System.nanoTime();
                ChatAnswer answer;
                try {
                    answer = provider.chat(prompt.system(), messages, budget);
                } catch (ProviderException e) {
                    c.attempts += e.attempts();
                    throw failure(provider.name() + ": " + e.getMessage()
                            + (lastProblem == null ? "" : "; last rejection: " + oneLine(lastProblem)));
                } finally {
                    c.modelNanos += System.nanoTime() - t1;
                }
                c.attempts += answer.attempts();
                long t2 = System.nanoTime();
                Extraction extraction = AnswerExtractor.extract(answer.text(), request.className());
                String problem;
                if (extraction.accepted()) {
                    SourceCheck.Result result = check.check(extraction.source());
                    if (result.passed()) {
                        c.ownNanos += System.nanoTime() - t2;
                        return new GeneratedSource(extraction.source(), result.classes(), provenance(prompt, c));
                    }
                    problem = result.problems() == null ? "rejected without a reason" : result.problems();
                } else {
                    problem = extraction.problem();
                }
                lastProblem = problem;
                messages.add(ChatMessage.assistant(answer.text()));
                messages.add(ChatMessage.user(repairRequest(problem, request.className())));
                c.ownNanos += System.nanoTime() - t2;
            }
            throw failure("no acceptable answer after " + c.turns + " turn(s)"
                    + (budget.expired() ? " (total time-out of " + limits.totalTimeoutMs() + " ms reached)" : "")
                    + "; last rejection: " + oneLine(lastProblem));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        } catch (RuntimeException e) {
            // A bug of ours or a hostile answer must not escape into the engine: the template is used instead.
            throw failure("unexpected " + e.getClass().getName() + ": " + e.getMessage());
        } finally {
            slots.release();
        }
    }

    private Map<String, String> provenance(Prompt prompt, Conversation c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("generator", "llm");
        p.put("provider", provider.name());
        p.put("model", provider.model());
        p.put("prompt-version", PromptBuilder.PROMPT_VERSION);
        p.put("prompt-hash", prompt.hash());
        p.put("attempts", String.valueOf(c.attempts));
        p.put("turns", String.valueOf(c.turns));
        p.put("model-ms", String.valueOf(c.modelNanos / 1_000_000));
        p.put("own-ms", String.valueOf(c.ownNanos / 1_000_000));
        return p;
    }

    private static String repairRequest(String problem, String className) {
        String text = problem.length() <= MAX_PROBLEM_CHARS ? problem
                : problem.substring(0, MAX_PROBLEM_CHARS) + "\n... (cut)";
        return "Your class was rejected:\n\n" + text + "\n\nFix this and reply with the whole corrected class "
                + className + " in one ```java fenced block, keeping to the Java subset and the allowed API.";
    }

    private GenerationFailure failure(String message) {
        return new GenerationFailure(secret.redact(message));
    }

    /**
     * The rejection on one line, whole: it becomes the reason stored with the version, and a cut there hid every
     * finding after the first few (the audit keeps at most 100 findings, so the line is bounded anyway).
     */
    private static String oneLine(String text) {
        if (text == null) {
            return "none";
        }
        return text.replaceAll("\\s+", " ").trim();
    }
}
