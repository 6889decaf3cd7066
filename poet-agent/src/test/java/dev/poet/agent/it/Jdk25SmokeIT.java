package dev.poet.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Counter;
import com.example.legacy.Flaky;
import com.example.legacy.Shapes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke subset on JDK 25: routing, retries and fallback. Skipped where no JDK 25 is installed, except under
 * CI ({@code CI=true}), where a missing JDK 25 is a failure.
 */
@ExtendWith(SuppressedErrorCheck.class)
class Jdk25SmokeIT {

    private static Path jdk25;

    @BeforeAll
    static void findJdk25() {
        jdk25 = Paths.get(System.getProperty("poet.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        boolean present = Files.isExecutable(jdk25.resolve("bin/java"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("JDK 25 at " + jdk25 + " (required under CI)").isTrue();
        }
        Assumptions.assumeTrue(present, "no JDK 25 at " + jdk25);
    }

    @Test
    void routingIsTransparent() {
        JvmRun plain = AgentJvm.of(Shapes.class).javaHome(jdk25).withoutAgent().run();
        JvmRun enhanced = AgentJvm.of(Shapes.class).javaHome(jdk25).property("poet.activation", "eager").run();

        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).isEqualTo(plain.stdout());
        assertThat(enhanced.counter("com.example.legacy.Shapes.fib", "calls")).isEqualTo(3);
        assertThat(enhanced.stderr()).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING: A terminally deprecated");
    }

    @Test
    void transientFailuresAreRetried() {
        JvmRun enhanced = AgentJvm.of(Flaky.class).javaHome(jdk25).property("poet.activation", "eager").run();

        assertThat(enhanced.stdout()).as(enhanced.toString()).contains("fetch record r0").doesNotContain("fetch failed");
    }

    @Test
    @SuppressedErrorCheck.Expected
    void brokenEnhancementFallsBack() {
        JvmRun plain = AgentJvm.of(Counter.class).javaHome(jdk25).withoutAgent().run();
        JvmRun enhanced = AgentJvm.of(Counter.class).javaHome(jdk25)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager")
                .property("poet.templates.dir", TemplateFolder.withPhases(FallbackIT.LIVE_ONLY + "throw new IllegalStateException(\"x\"); return args;",
                        "return call.proceed(args);", "return result;").toString())
                .run();

        assertThat(enhanced.stdout()).isEqualTo(plain.stdout());
        assertThat(enhanced.suppressedErrors()).isNotEmpty();
    }
}
