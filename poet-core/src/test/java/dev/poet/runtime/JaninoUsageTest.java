package dev.poet.runtime;

import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEventSink;
import org.codehaus.janino.SimpleCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The API as generated code uses it must compile with Janino 3.1.12 (no lambdas, raw types, anonymous classes). */
class JaninoUsageTest {

    static final String SOURCE = ""
            + "import dev.poet.runtime.*;\n"
            + "import dev.poet.runtime.retry.*;\n"
            + "import dev.poet.runtime.breaker.*;\n"
            + "import dev.poet.runtime.deadline.*;\n"
            + "import dev.poet.runtime.validate.*;\n"
            + "import dev.poet.runtime.params.*;\n"
            + "import dev.poet.runtime.event.*;\n"
            + "public class Generated {\n"
            + "  private final Retry retry;\n"
            + "  private final CircuitBreaker breaker;\n"
            + "  private final Validator amount;\n"
            + "  private final Validator result;\n"
            + "  public Generated(String key, ParamsRef params, PhaseEventSink sink, boolean declaresIO, boolean sync) {\n"
            + "    this.retry = Retry.builder(key).config(RetryConfig.builder().maxAttempts(3)\n"
            + "        .retryOn(new Class[] { java.io.IOException.class }, new Class[] { java.io.FileNotFoundException.class })\n"
            + "        .build()).params(params).budget(new RetryBudget()).events(sink).mayWait(!sync).build();\n"
            + "    this.breaker = CircuitBreaker.builder(key).config(CircuitBreakerConfig.builder()\n"
            + "        .countBasedWindow(20).minimumCalls(10).build()).events(sink).declaresIOException(declaresIO).build();\n"
            + "    this.amount = Validator.perceive(key, \"amount\", new Rule[] { Rules.notNull(new Double(0)),\n"
            + "        Rules.range(0, 100) }, Mode.REPAIR, sink);\n"
            + "    this.result = Validator.enforce(key, Rules.finite(), Mode.REPORT, sink);\n"
            + "  }\n"
            + "  public Object[] perceive(Object[] args) {\n"
            + "    args[0] = amount.check(args[0]);\n"
            + "    return args;\n"
            + "  }\n"
            + "  public Object operate(final Object[] args, final int[] failuresLeft) throws Throwable {\n"
            + "    Attempt attempt = new Attempt() {\n"
            + "      public Object run() throws Throwable {\n"
            + "        if (failuresLeft[0]-- > 0) { throw new java.io.IOException(\"flaky\"); }\n"
            + "        return new Double(((Double) args[0]).doubleValue() * 2);\n"
            + "      }\n"
            + "    };\n"
            + "    return result.check(retry.execute(attempt, breaker));\n"
            + "  }\n"
            + "}\n";

    @Test
    void generatedStyleCodeCompilesAndRuns() throws Throwable {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(getClass().getClassLoader());
        compiler.cook(SOURCE);
        Class<?> type = compiler.getClassLoader().loadClass("Generated");
        InMemoryEventSink sink = new InMemoryEventSink();
        Object g = type.getConstructor(String.class, dev.poet.runtime.params.ParamsRef.class, PhaseEventSink.class,
                boolean.class, boolean.class).newInstance("k", new dev.poet.runtime.params.ParamsRef(
                dev.poet.runtime.params.Params.EMPTY.with("backoff-initial-ms", 0)), sink, true, true);
        Object[] args = (Object[]) type.getMethod("perceive", Object[].class).invoke(g, (Object) new Object[]{250.0});
        assertThat(args[0]).isEqualTo(100.0);
        Object r = type.getMethod("operate", Object[].class, int[].class).invoke(g, args, new int[]{1});
        assertThat(r).isEqualTo(200.0);
        assertThat(sink.count(EventTypes.PERCEIVE_VIOLATION)).isEqualTo(1);
        assertThat(sink.count(EventTypes.RETRY_SCHEDULED)).isEqualTo(1);
        assertThat(IOException.class).isNotNull();
    }
}
