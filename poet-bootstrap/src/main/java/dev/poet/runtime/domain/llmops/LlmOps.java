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
 *       line. Every execution records the variant in a {@value #PROMPT_VARIANT} event ({@code variant} index,
 *       {@code text}, {@code execution_id}, {@code choice}), which is how feedback on the execution is joined
 *       to the variant it ran with.</li>
 *   <li>Which variant: while {@code prompt-best-variant} is negative (its default, and always for a method
 *       without {@code optimize-for}, whose parameters are never learned) the variants are taken in turn
 *       ({@code choice=rotate}). Once Train has learned the best variant from feedback, that one is taken
 *       ({@code exploit}) except for a share {@code prompt-explore} (default 0.1) of executions, which take one
 *       of the others uniformly ({@code explore}) so that a variant which got better can win back its place.
 *       The draw is a hash of the execution number and a seed (the method key's hash unless given), so it is
 *       repeatable and needs no lock.</li>
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
    private final long seed;

    /**
     * @param parameterNames per parameter, its role for the prompt rule: its name, a configured role, or empty when
     *                       the class file has no name for it
     * @param isString       per parameter, whether it is a {@code String}
     */
    public LlmOps(String methodKey, ParamsRef params, PhaseEventSink sink, String[] parameterNames,
                  boolean[] isString) {
        this(methodKey, params, sink, parameterNames, isString, methodKey.hashCode());
    }

    /** As the other constructor, with the seed of the exploration draw given. */
    public LlmOps(String methodKey, ParamsRef params, PhaseEventSink sink, String[] parameterNames,
                  boolean[] isString, long seed) {
        this.seed = seed;
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
        final int best;
        final double explore;

        Settings(Params p) {
            this.minChars = p.requireInt("min-output-chars");
            this.maxChars = p.requireInt("max-output-chars");
            String list = p.requireString("prompt-variants");
            this.variants = list.trim().isEmpty() ? new String[0] : list.split("\\|");
            this.best = p.requireInt("prompt-best-variant");
            double share = p.requireDouble("prompt-explore");
            this.explore = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        }
    }

    /** Rotates the prompt variants (see the class comment); {@code args} is changed in place. */
    public Object[] perceive(Object[] args, String executionId) {
        if (promptIndex < 0 || !(args[promptIndex] instanceof String)) {
            return args;
        }
        Settings s = settings.get();
        String[] variants = s.variants;
        if (variants.length == 0) {
            return args;
        }
        long n = executions.getAndIncrement();
        int i;
        String choice;
        if (s.best < 0 || s.best >= variants.length) {
            i = (int) (n % variants.length);
            choice = "rotate";
        } else if (variants.length > 1 && unit(n, 0) < s.explore) {
            int other = (int) (unit(n, 1) * (variants.length - 1));
            i = other >= s.best ? other + 1 : other;
            choice = "explore";
        } else {
            i = s.best;
            choice = "exploit";
        }
        String variant = variants[i].trim();
        String prompt = (String) args[promptIndex];
        args[promptIndex] = variant.contains("{prompt}") ? variant.replace("{prompt}", prompt)
                : variant + "\n\n" + prompt;
        events.emit(PROMPT_VARIANT, "variant", i, "text", variant, "execution_id", executionId,
                "choice", choice);
        return args;
    }

    /** A uniform draw in {@code [0, 1)} for execution {@code n}, stream {@code stream}: SplitMix64 of both. */
    private double unit(long n, int stream) {
        long z = seed + n * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
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
