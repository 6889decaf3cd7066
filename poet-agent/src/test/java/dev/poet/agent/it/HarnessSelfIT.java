package dev.poet.agent.it;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suppressed-error check must fail when the agent suppressed an error, or it proves nothing. */
class HarnessSelfIT {

    @Test
    void failsOnASuppressedError() {
        JvmRun broken = new JvmRun("app", 0, "",
                "[poet] INFO something\n[poet] ERROR com.acme.X.y v1: perceive failed (failure 1): boom\n");

        assertThatThrownBy(() -> SuppressedErrorCheck.verify(List.of(broken)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("perceive failed");
    }

    @Test
    void failsOnARealRunWhoseEnhancementBreaks() {
        JvmRun run = AgentJvm.of(com.example.legacy.Counter.class)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager")
                .property("poet.templates.dir", TemplateFolder.withPhases(
                        FallbackIT.LIVE_ONLY + "throw new IllegalStateException(\"broken on purpose\"); return args;",
                        "return call.proceed(args);", "return result;").toString())
                .run();

        assertThatThrownBy(() -> SuppressedErrorCheck.verify(List.of(run)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken on purpose");
    }

    @Test
    void passesWhenNothingWasSuppressed() {
        JvmRun clean = new JvmRun("app", 0, "ok\n", "[poet] INFO fine\n");

        assertThatCode(() -> SuppressedErrorCheck.verify(List.of(clean))).doesNotThrowAnyException();
    }
}
