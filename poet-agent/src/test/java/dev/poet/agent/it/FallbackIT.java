package dev.poet.agent.it;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Counter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever fails on our side, the application behaves exactly as without the agent, and one clear line names the
 * method and the reason.
 */
@ExtendWith(SuppressedErrorCheck.class)
class FallbackIT {

    private static final String METHOD = "com.example.legacy.Counter.label";
    /**
     * Verification runs every phase on sample values before activation and rejects a version that throws on
     * them; these broken phases fail only on the application's own input, as a bug that samples miss does.
     */
    static final String LIVE_ONLY = "if (\"item\".equals(args[0])) ";
    static final String RESULT_LIVE_ONLY = "if (String.valueOf(result).startsWith(\"item\")) ";
    private static JvmRun plain;

    @BeforeAll
    static void runWithoutAgent() {
        plain = AgentJvm.of(Counter.class).withoutAgent().run();
        assertThat(plain.stdout()).contains("body runs 10");
    }

    private static AgentJvm counter(Path templates) {
        AgentJvm jvm = AgentJvm.of(Counter.class)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager");
        return templates == null ? jvm : jvm.property("poet.templates.dir", templates.toString());
    }

    private static void assertSameAsWithoutAgent(JvmRun run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
    }

    @Test
    void configurationOnlySelectionIsEnhanced() {
        JvmRun run = counter(null).run();

        assertSameAsWithoutAgent(run);
        assertThat(run.counter(METHOD, "calls")).isEqualTo(10);
    }

    @Test
    void nestedClassesAreSelectedByBinaryNameAndTheSummaryCanBeTurnedOff() {
        JvmRun run = AgentJvm.of(Counter.class)
                .property("poet.methods.include", "com.example.legacy.Counter$Formatter[format]")
                .property("poet.activation", "eager").run();
        JvmRun quiet = AgentJvm.of(Counter.class)
                .property("poet.methods.include", "com.example.legacy.Counter$Formatter[format]")
                .property("poet.activation", "eager").property("poet.summary", "false").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.counter("com.example.legacy.Counter$Formatter.format", "calls")).isEqualTo(1);
        assertThat(run.summaryOf(METHOD)).isNull();
        assertSameAsWithoutAgent(quiet);
        assertThat(quiet.agentLines()).anyMatch(l -> l.contains("Counter$Formatter.format: enhancement"))
                .noneMatch(l -> l.contains("summary"));
    }

    @Test
    void templateThatDoesNotRender() {
        JvmRun run = counter(TemplateFolder.withSource("{{#methods}}{{noSuchVariable}}{{/methods}}")).run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines()).anyMatch(l -> l.contains(METHOD) && l.contains("did not render")
                && l.contains("noSuchVariable"));
        assertThat(run.summaryOf(METHOD)).isNull();
    }

    @Test
    void sourceThatDoesNotCompile() {
        JvmRun run = counter(TemplateFolder.withPhases("return args", "return call.proceed(args);", "return result;"))
                .run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines()).anyMatch(l -> l.contains(METHOD) && l.contains("does not compile"));
        assertThat(run.summaryOf(METHOD)).isNull();
    }

    @Test
    @SuppressedErrorCheck.Expected
    void perceiveThrowingRunsTheOriginalWithTheOriginalArguments() {
        JvmRun run = counter(TemplateFolder.withPhases(
                LIVE_ONLY + "{ args[0] = \"changed\"; throw new IllegalStateException(\"P broke\"); } return args;",
                "return call.proceed(args);", "return result;"))
                .property("poet.quarantine.failures", "100").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.suppressedErrors()).anyMatch(l -> l.contains(METHOD) && l.contains("perceive failed")
                && l.contains("P broke"));
        assertThat(run.counter(METHOD, "own-failures")).isEqualTo(10);
    }

    @Test
    @SuppressedErrorCheck.Expected
    void enforceThrowingReturnsTheOriginalResultWithoutRunningTheBodyAgain() {
        JvmRun run = counter(TemplateFolder.withPhases("return args;", "return call.proceed(args);",
                RESULT_LIVE_ONLY + "throw new IllegalStateException(\"E broke\"); return result;"))
                .property("poet.quarantine.failures", "100").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.suppressedErrors()).anyMatch(l -> l.contains("enforce failed") && l.contains("E broke"));
        assertThat(run.counter(METHOD, "calls")).isEqualTo(10);
    }

    @Test
    @SuppressedErrorCheck.Expected
    void enforceReturningTheWrongTypeFallsBackToTheOriginalResult() {
        JvmRun run = counter(TemplateFolder.withPhases("return args;", "return call.proceed(args);",
                RESULT_LIVE_ONLY + "return Integer.valueOf(42); return result;"))
                .property("poet.quarantine.failures", "100").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.suppressedErrors()).anyMatch(l -> l.contains("enforce returned java.lang.Integer"));
    }

    @Test
    @SuppressedErrorCheck.Expected
    void aVersionThatKeepsFailingIsQuarantined() {
        JvmRun run = counter(TemplateFolder.withPhases(LIVE_ONLY + "throw new IllegalStateException(\"always\"); return args;",
                "return call.proceed(args);", "return result;"))
                .property("poet.quarantine.failures", "3").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines()).anyMatch(l -> l.contains(METHOD) && l.contains("quarantined after 3 failures"));
        assertThat(run.counter(METHOD, "calls")).isEqualTo(3);
    }

    @Test
    void missingConfigurationFileIsReportedAndDefaultsApply() {
        JvmRun run = counter(null).property("poet.config", "/nonexistent/poet/agent.properties").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines()).anyMatch(l -> l.contains("poet.config") && l.contains("/nonexistent/poet/agent.properties"));
        assertThat(run.counter(METHOD, "calls")).isEqualTo(10);
    }

    @Test
    void disabledAgentLeavesTheApplicationAlone() {
        JvmRun run = counter(null).property("poet.enabled", "false").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines()).anyMatch(l -> l.contains("poet.enabled=false"));
        assertThat(run.summaryOf(METHOD)).isNull();
    }

    @Test
    void malformedIncludeEntryIsReportedOnceAndTheRestApplies() {
        JvmRun run = AgentJvm.of(Counter.class)
                .property("poet.methods.include", "com.example.legacy.Counter[label];broken[[;")
                .property("poet.activation", "eager").run();

        assertSameAsWithoutAgent(run);
        assertThat(run.agentLines().stream().filter(l -> l.contains("broken[[")).count()).isEqualTo(1);
        assertThat(run.counter(METHOD, "calls")).isEqualTo(10);
    }
}
