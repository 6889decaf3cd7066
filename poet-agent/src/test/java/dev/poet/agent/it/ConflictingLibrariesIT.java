package dev.poet.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.conflict.OwnLibraries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Jackson, ASM and Janino are relocated, and we ship no Byte Buddy: an application with other versions of
 * these (Byte Buddy included) is unaffected.
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
}
