package dev.poet.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.conflict.OwnLibraries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Jackson, ASM, Janino and SLF4J are relocated, and we ship no Byte Buddy: an application with other versions
 * of these (Byte Buddy included) is unaffected.
 */
@ExtendWith(SuppressedErrorCheck.class)
class ConflictingLibrariesIT {

    private static String olderLibraries() throws IOException {
        Path dir = Paths.get(System.getProperty("poet.conflicting.libs", "target/conflicting-libs"));
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }

    @Test
    void applicationKeepsItsOwnLibraryVersions() throws IOException {
        // The application even has a copy of POET's engine on its class path: ours is relocated, so it is not used.
        String libs = olderLibraries() + File.pathSeparator + AgentJvm.codeSource(dev.poet.core.log.PoetLog.class);
        JvmRun plain = AgentJvm.of(OwnLibraries.class).withoutAgent().classPath(libs).run();
        JvmRun enhanced = AgentJvm.of(OwnLibraries.class).classPath(libs).property("poet.activation", "eager").run();

        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).contains("jackson 2.12.7", "jackson-databind-2.12.7.jar", "asm-9.2.jar",
                "byte-buddy-1.12.23.jar", "slf4j-api-1.7.36.jar", "{\"a\":1,\"b\":2}");
        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).isEqualTo(plain.stdout());
        assertThat(enhanced.counter("com.example.conflict.OwnLibraries.describe", "calls")).isEqualTo(1);
    }

    /**
     * The agent logs through its own relocated SLF4J: the application's SLF4J 1.7 keeps its binding and its lines,
     * and ours still appear, on standard error or in {@code poet.log.file}.
     */
    @Test
    void applicationKeepsItsOwnLoggingAndOursStillAppears() throws IOException {
        String libs = olderLibraries();
        String appLine = "INFO com.example.conflict.app - application line through its own SLF4J";
        JvmRun plain = AgentJvm.of(OwnLibraries.class).withoutAgent().classPath(libs).run();
        JvmRun enhanced = AgentJvm.of(OwnLibraries.class).classPath(libs).property("poet.activation", "eager").run();
        Path logFile = Files.createTempDirectory("poet-log").resolve("logs/poet.log");
        JvmRun toFile = AgentJvm.of(OwnLibraries.class).classPath(libs).property("poet.activation", "eager")
                .property("poet.log.file", logFile.toString()).run();

        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).contains("slf4j-simple-1.7.36.jar", "slf4j factory org.slf4j.impl.SimpleLoggerFactory");
        assertThat(plain.stderr()).contains(appLine);
        for (JvmRun run : List.of(enhanced, toFile)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout()).isEqualTo(plain.stdout());
            assertThat(appLines(run)).as(run.toString()).isEqualTo(appLines(plain));
        }
        assertThat(enhanced.agentLines()).as(enhanced.toString())
                .anySatisfy(l -> assertThat(l).startsWith("[poet]   com.example.conflict.OwnLibraries.describe:"))
                .noneSatisfy(l -> assertThat(l).contains("application line"));

        assertThat(toFile.agentLines()).as(toFile.toString()).isEmpty();
        List<String> fromFile = Files.readAllLines(logFile);
        assertThat(fromFile).as(String.join("\n", fromFile))
                .anySatisfy(l -> assertThat(l).startsWith("[poet]   com.example.conflict.OwnLibraries.describe:"))
                .allSatisfy(l -> assertThat(l).doesNotContain("application line"))
                .noneSatisfy(l -> assertThat(l).startsWith("[poet] ERROR"));
    }

    /**
     * The application's own log lines on standard error: everything that is neither ours nor the JVM's (which warns
     * that class data sharing is limited once an agent appends to the bootstrap path).
     */
    private static List<String> appLines(JvmRun run) {
        return run.stderr().lines().filter(l -> !l.startsWith("[poet]") && !l.contains("VM warning:"))
                .collect(Collectors.toList());
    }
}
