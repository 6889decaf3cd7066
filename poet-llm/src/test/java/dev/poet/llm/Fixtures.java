package dev.poet.llm;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.example.app.Greeter;

import dev.poet.core.config.LlmProvider;
import dev.poet.core.generate.GenerationRequest;
import dev.poet.core.generate.Template;
import dev.poet.llm.generate.GenerationLimits;
import dev.poet.llm.generate.LlmSourceGenerator;
import dev.poet.llm.prompt.PromptBuilder;
import dev.poet.llm.provider.ProviderSettings;
import dev.poet.llm.provider.Providers;
import dev.poet.llm.provider.RateLimiter;
import dev.poet.llm.provider.Secret;

/** Requests, answers and generators shared by the tests. */
public final class Fixtures {

    public static final String CLASS_NAME = "dev.poet.gen.Poet_Greeter_greet_0000test";
    public static final String SIMPLE_NAME = "Poet_Greeter_greet_0000test";
    public static final String KEY = "sk-test-SECRET-0123456789";

    private Fixtures() {
    }

    public static Method greet() {
        try {
            return Greeter.class.getMethod("greet", String.class, int.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] greeterClassFile() {
        try (var in = Greeter.class.getResourceAsStream("Greeter.class")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GenerationRequest request() {
        Template template = new Template("base", "1", "transparent", Map.of("retries", "3"),
                "Write a transparent enhancement.", "(mustache)", "test");
        return new GenerationRequest(greet(), CLASS_NAME, new String[] {"name", "times"}, template,
                "public final class Example { /* rendered template */ }", Map.of("retries", 3, "backoff-initial-ms", 100),
                null, greeterClassFile());
    }

    /** A pass-through enhancement named {@code simpleName} whose Perceive holds {@code perceiveBody}. */
    public static String enhancement(String simpleName, String perceiveBody) {
        return "package dev.poet.gen;\n\n"
                + "import dev.poet.bridge.Call;\n"
                + "import dev.poet.bridge.Enhancement;\n"
                + "import dev.poet.bridge.MethodContext;\n\n"
                + "public final class " + simpleName + " implements Enhancement {\n"
                + "    private final MethodContext ctx;\n"
                + "    public " + simpleName + "(MethodContext ctx) { this.ctx = ctx; }\n"
                + "    public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + "        " + perceiveBody + "\n"
                + "        return args;\n"
                + "    }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "    public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
    }

    public static String good() {
        return enhancement(SIMPLE_NAME, "int n = args.length;");
    }

    public static String fenced(String code) {
        return "```java\n" + code + "```\n";
    }

    /** Janino 3.1.12 does not compile lambdas. */
    public static String withLambda() {
        return enhancement(SIMPLE_NAME, "Runnable r = () -> {}; r.run();");
    }

    /** Compiles, and the audit rejects it. */
    public static String withSystemExit() {
        return enhancement(SIMPLE_NAME, "if (args.length > 99) { System.exit(1); }");
    }

    public static ProviderSettings settings(LlmProvider kind, String baseUrl) {
        return new ProviderSettings(kind, URI.create(baseUrl), "test-model", Secret.of(KEY), 5_000, 1024, 0.0,
                200_000, 5, 10, 50);
    }

    public static LlmSourceGenerator generator(ProviderSettings settings, GenerationLimits limits) {
        return new LlmSourceGenerator(Providers.create(settings, RateLimiter.perMinute(1000)),
                new PromptBuilder(List.<Path>of()), limits, settings.temperature(), settings.apiKey());
    }

    public static LlmSourceGenerator generator(LlmProvider kind, String baseUrl) {
        return generator(settings(kind, baseUrl), new GenerationLimits(20_000, 2, 2));
    }
}
