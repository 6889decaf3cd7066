package dev.poet.runtime.domain.llmops;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.FailureClassifier;
import dev.poet.runtime.TransientFailures;
import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.retry.ResultPredicate;
import dev.poet.runtime.time.Clock;

/**
 * The {@code llm_ops} domain, one instance per method.
 *
 * <ul>
 *   <li>{@link #TRANSIENT}: I/O and time-outs (as the base domain), plus any exception whose message says it is a
 *       rate limit or a server error — {@code 429}, {@code 500}, {@code 502}, {@code 503}, {@code 504} as a whole
 *       word, "rate limit", "too many requests", "overloaded", "server error", "temporarily unavailable" — unless
 *       it is an {@code Error}, one of POET's deliberate failures, or a {@code NullPointerException},
 *       {@code ClassCastException}, {@code IndexOutOfBoundsException} or {@code ArithmeticException}.</li>
 *   <li>{@link #tooShort()}: a result that is {@code null} or a {@code CharSequence} whose trimmed length is below
 *       {@code min-output-chars} (default 1) is retried like a failure ({@value #OUTPUT_TOO_SHORT} event).</li>
 *   <li>{@link #enforce}: a {@code String} longer than {@code max-output-chars} (default 0 = unbounded) is cut to
 *       that length ({@value #OUTPUT_TRUNCATED}); one still too short after the retries is reported.</li>
 *   <li>{@link #perceive}: with {@code prompt-variants} set (a {@code |}-separated list), the prompt argument —
 *       the first {@code String} parameter whose name (or configured role) contains {@code prompt}, else, when
 *       every parameter's name is known, the first {@code String} parameter — is rewritten by the variants in turn, one per execution: a variant containing
 *       {@code {prompt}} has it replaced by the original prompt, any other is put before it followed by a blank
 *       line. Every execution records the variant in a {@value #PROMPT_VARIANT} event.</li>
 * </ul>
 * The parameters are read from the current snapshot (derived again only when it changes); none has a default
 * here: they come from the template's {@code template.properties} (a missing one is a
 * {@link dev.poet.runtime.params.MissingParameterException}).
 */
public final class LlmOps {

    public static final String OUTPUT_TOO_SHORT = "llm.output_too_short";
    public static final String OUTPUT_TRUNCATED = "llm.output_truncated";
    public static final String PROMPT_VARIANT = "llm.prompt_variant";

    private static final Pattern RATE_LIMIT_OR_SERVER = Pattern.compile(
            "(?i)(\\b(429|500|502|503|504)\\b|rate[ -_]?limit|too many requests|overloaded|server error"
                    + "|temporarily unavailable)");

    /** See the class comment. */
    public static final FailureClassifier TRANSIENT = new FailureClassifier() {
        @Override
        public boolean isTransient(Throwable failure) {
            if (TransientFailures.DEFAULT.isTransient(failure)) {
                return true;
            }
            if (failure == null || failure instanceof Error || failure instanceof DeliberateFailure
                    || failure instanceof NullPointerException || failure instanceof ClassCastException
                    || failure instanceof IndexOutOfBoundsException || failure instanceof ArithmeticException) {
                return false;
            }
            String message = failure.getMessage();
            return message != null && RATE_LIMIT_OR_SERVER.matcher(message).find();
        }
    };

    private final Derived<Settings> settings;
    private final EventEmitter events;
    private final int promptIndex;
    private final AtomicLong executions = new AtomicLong();

    /**
     * @param parameterNames per parameter, its role for the prompt rule: its name, a configured role, or empty when
     *                       the class file has no name for it
     * @param isString       per parameter, whether it is a {@code String}
     */
    public LlmOps(String methodKey, ParamsRef params, PhaseEventSink sink, String[] parameterNames,
                  boolean[] isString) {
        this.events = new EventEmitter(sink, methodKey, Clock.SYSTEM);
        this.settings = new Derived<Settings>(params, new Derived.Deriver<Settings>() {
            @Override
            public Settings derive(Params p, Settings previous) {
                return new Settings(p);
            }
        }, events);
        int index = -1;
        for (int i = 0; i < parameterNames.length; i++) {
            if (isString[i] && parameterNames[i].toLowerCase(Locale.ROOT).contains("prompt")) {
                index = i;
                break;
            }
        }
        // The first String stands in for the prompt only when every parameter's name is known: without names
        // (a class compiled without -g/-parameters, roles empty) a position is a guess, and a guess rewrites the
        // wrong text.
        if (index < 0 && allNamed(parameterNames)) {
            for (int i = 0; i < isString.length; i++) {
                if (isString[i]) {
                    index = i;
                    break;
                }
            }
        }
        this.promptIndex = index;
    }

    private static boolean allNamed(String[] parameterNames) {
        for (String name : parameterNames) {
            if (name == null || name.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The parameters of one snapshot; immutable. */
    private static final class Settings {
        final int minChars;
        final int maxChars;
        final String[] variants;

        Settings(Params p) {
            this.minChars = p.requireInt("min-output-chars");
            this.maxChars = p.requireInt("max-output-chars");
            String list = p.requireString("prompt-variants");
            this.variants = list.trim().isEmpty() ? new String[0] : list.split("\\|");
        }
    }

    /** Rotates the prompt variants (see the class comment); {@code args} is changed in place. */
    public Object[] perceive(Object[] args, String executionId) {
        if (promptIndex < 0 || !(args[promptIndex] instanceof String)) {
            return args;
        }
        String[] variants = settings.get().variants;
        if (variants.length == 0) {
            return args;
        }
        int i = (int) (executions.getAndIncrement() % variants.length);
        String variant = variants[i].trim();
        String prompt = (String) args[promptIndex];
        args[promptIndex] = variant.contains("{prompt}") ? variant.replace("{prompt}", prompt)
                : variant + "\n\n" + prompt;
        events.emit(PROMPT_VARIANT, "variant", i, "text", variant, "execution_id", executionId);
        return args;
    }

    /** The result predicate of the retry: too-short output is retried. */
    public ResultPredicate tooShort() {
        return new ResultPredicate() {
            @Override
            public boolean shouldRetry(Object result) {
                if (isTooShort(result)) {
                    events.emit(OUTPUT_TOO_SHORT, "length", lengthOf(result), "min", minChars(), "action", "retried");
                    return true;
                }
                return false;
            }
        };
    }

    private int minChars() {
        return settings.get().minChars;
    }

    private boolean isTooShort(Object result) {
        if (result == null) {
            return true;
        }
        return result instanceof CharSequence && result.toString().trim().length() < minChars();
    }

    private static int lengthOf(Object result) {
        return result instanceof CharSequence ? ((CharSequence) result).length() : -1;
    }

    /** Output length bounds; see the class comment. */
    public Object enforce(Object result) {
        if (isTooShort(result)) {
            events.emit(OUTPUT_TOO_SHORT, "length", lengthOf(result), "min", minChars(), "action", "reported");
            return result;
        }
        int max = settings.get().maxChars;
        if (max > 0 && result instanceof String && ((String) result).length() > max) {
            events.emit(OUTPUT_TRUNCATED, "length", ((String) result).length(), "max", max, "action", "repaired");
            return ((String) result).substring(0, max);
        }
        return result;
    }
}
