package dev.poet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.poet.core.config.LlmProvider;
import dev.poet.core.generate.GeneratedSource;
import dev.poet.core.generate.SourceCheck;
import dev.poet.llm.generate.GenerationLimits;
import dev.poet.llm.generate.LlmSourceGenerator;
import dev.poet.llm.prompt.PromptBuilder;
import dev.poet.llm.provider.ChatAnswer;
import dev.poet.llm.provider.ChatMessage;
import dev.poet.llm.provider.ChatProvider;
import dev.poet.llm.provider.Providers;
import dev.poet.llm.provider.RateLimiter;
import dev.poet.llm.provider.TimeBudget;

/**
 * Measures our share of one generation (prompt assembly, answer extraction, Janino compilation, audit, loading),
 * i.e. the wall time minus the time spent in the provider call, against a local OpenAI-compatible server that
 * answers at once with a base-template-like class. Not a unit test: run it on purpose with
 * {@code mvn -B -q -pl poet-llm -am test -Dtest=GenerationShareHarness -Dpoet.harness=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "poet.harness", matches = "true")
class GenerationShareHarness {

    private static final int WARMUP = 10;
    private static final int RUNS = 50;

    /** The base template's logic as the top-level class an LLM is asked for. */
    static String baseLikeAnswer() {
        String n = Fixtures.SIMPLE_NAME;
        return "Here is the enhancement.\n```java\npackage dev.poet.gen;\n\n"
                + "import dev.poet.bridge.Call;\nimport dev.poet.bridge.Enhancement;\nimport dev.poet.bridge.MethodContext;\n"
                + "import dev.poet.runtime.Attempt;\nimport dev.poet.runtime.deadline.Deadline;\n"
                + "import dev.poet.runtime.retry.Retry;\nimport dev.poet.runtime.retry.RetryBudget;\n"
                + "import dev.poet.runtime.retry.RetryConfig;\nimport dev.poet.runtime.validate.Mode;\n"
                + "import dev.poet.runtime.validate.Rule;\nimport dev.poet.runtime.validate.Rules;\n"
                + "import dev.poet.runtime.validate.Validator;\n\n"
                + "public final class " + n + " implements Enhancement {\n"
                + "    private final MethodContext ctx;\n    private final Retry retry;\n    private final Deadline deadline;\n"
                + "    private final Validator in0;\n    private final Validator out;\n\n"
                + "    public " + n + "(MethodContext ctx) {\n        this.ctx = ctx;\n"
                + "        this.retry = Retry.builder(ctx.key()).config(RetryConfig.DEFAULTS).params(ctx.paramsRef())\n"
                + "                .budget(new RetryBudget(ctx.params().getInt(\"retry-budget-max-tokens\", 10),\n"
                + "                        ctx.params().getDouble(\"retry-budget-token-ratio\", 0.5))).events(ctx.events())\n"
                + "                .mayWait(!ctx.isSynchronized()).build();\n"
                + "        long timeoutMs = ctx.params().getLong(\"timeout-ms\", -1L);\n"
                + "        this.deadline = timeoutMs > 0 ? Deadline.enforced(ctx.key(), timeoutMs,\n"
                + "                ctx.declares(java.io.IOException.class), ctx.isSynchronized(), ctx.events()) : null;\n"
                + "        this.in0 = Validator.perceive(ctx.key(), \"name\", new Rule[] { Rules.notNull(), Rules.notEmpty() },\n"
                + "                Mode.REPORT, ctx.events());\n"
                + "        this.out = Validator.enforce(ctx.key(), new Rule[] { Rules.notNull() }, Mode.REPORT, ctx.events());\n"
                + "    }\n\n"
                + "    public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + "        in0.check(args[0]);\n        return args;\n    }\n\n"
                + "    public Object operate(final Call call, final Object[] args) throws Throwable {\n"
                + "        final Attempt attempt = new Attempt() {\n"
                + "            public Object run() throws Throwable { return call.proceed(args); }\n        };\n"
                + "        if (deadline == null) {\n            return retry.execute(attempt);\n        }\n"
                + "        return retry.execute(new Attempt() {\n"
                + "            public Object run() throws Throwable { return deadline.execute(attempt); }\n        });\n"
                + "    }\n\n"
                + "    public Object enforce(Call call, Object result) throws Throwable {\n"
                + "        out.check(result);\n        return result;\n    }\n}\n```\n";
    }

    /** Measures the time inside the provider call (HTTP to the local server, JSON both ways). */
    static final class TimedProvider implements ChatProvider {
        final ChatProvider delegate;
        long nanos;

        TimedProvider(ChatProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String model() {
            return delegate.model();
        }

        @Override
        public ChatAnswer chat(String system, List<ChatMessage> messages, TimeBudget budget)
                throws dev.poet.llm.provider.ProviderException, InterruptedException {
            long t = System.nanoTime();
            try {
                return delegate.chat(system, messages, budget);
            } finally {
                nanos += System.nanoTime() - t;
            }
        }
    }

    @Test
    void measure() throws Exception {
        try (ScriptedServer server = new ScriptedServer(LlmProvider.OPENAI)) {
            server.thenAnswer(baseLikeAnswer());
            TimedProvider provider = new TimedProvider(Providers.create(
                    Fixtures.settings(LlmProvider.OPENAI, server.baseUrl()), RateLimiter.perMinute(100_000)));
            LlmSourceGenerator generator = new LlmSourceGenerator(provider, new PromptBuilder(List.<Path>of()),
                    new GenerationLimits(60_000, 0, 1), 0.0, null);
            double[] own = new double[RUNS];
            double[] http = new double[RUNS];
            double[] check = new double[RUNS];
            double[] prompt = new double[RUNS];
            PromptBuilder builder = new PromptBuilder(List.<Path>of());
            for (int i = 0; i < WARMUP + RUNS; i++) {
                RealCheck real = new RealCheck(Fixtures.greet(), Fixtures.CLASS_NAME);
                long[] checkNanos = new long[1];
                SourceCheck timed = source -> {
                    long t = System.nanoTime();
                    try {
                        return real.check(source);
                    } finally {
                        checkNanos[0] += System.nanoTime() - t;
                    }
                };
                provider.nanos = 0;
                long t0 = System.nanoTime();
                GeneratedSource generated = generator.generate(Fixtures.request(), timed);
                long wall = System.nanoTime() - t0;
                assertThat(generated.classes()).containsKey(Fixtures.CLASS_NAME);
                long p0 = System.nanoTime();
                builder.build(Fixtures.request());
                long promptNanos = System.nanoTime() - p0;
                if (i >= WARMUP) {
                    own[i - WARMUP] = (wall - provider.nanos) / 1e6;
                    http[i - WARMUP] = provider.nanos / 1e6;
                    check[i - WARMUP] = checkNanos[0] / 1e6;
                    prompt[i - WARMUP] = promptNanos / 1e6;
                }
            }
            System.out.printf(java.util.Locale.ROOT,
                    "%n[harness] %d generations after %d warm-up, ms p50/p95:%n"
                            + "[harness]   our share (wall - provider call): %.2f / %.2f%n"
                            + "[harness]     of which check (Janino compile + audit + load): %.2f / %.2f%n"
                            + "[harness]     prompt assembly alone: %.3f / %.3f%n"
                            + "[harness]   provider call (local HTTP + JSON): %.2f / %.2f%n",
                    RUNS, WARMUP, pct(own, 50), pct(own, 95), pct(check, 50), pct(check, 95),
                    pct(prompt, 50), pct(prompt, 95), pct(http, 50), pct(http, 95));
        }
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
