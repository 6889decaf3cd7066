package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Counter;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions on disk: reused on an unchanged restart, a new version when the method body changes. */
@ExtendWith(SuppressedErrorCheck.class)
class StoredVersionsIT {

    private static final String INCLUDE = "com.example.legacy.Counter[label]";

    @Test
    void unchangedRestartReusesTheStoredVersion() throws IOException {
        Path work = Files.createTempDirectory("poet-restart");
        JvmRun first = AgentJvm.of(Counter.class).workDir(work).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager").run();
        JvmRun second = AgentJvm.of(Counter.class).workDir(work).property("poet.methods.include", INCLUDE)
                .property("poet.activation", "eager").run();

        assertThat(first.agentLines()).anyMatch(l -> l.contains("Counter.label: enhancement v1 active")
                && !l.contains("reused"));
        assertThat(second.agentLines()).anyMatch(l -> l.contains("Counter.label: enhancement v1 active")
                && l.contains("reused"));
        assertThat(second.stdout()).isEqualTo(first.stdout());
        Path methods = work.resolve(".poet/methods");
        try (Stream<Path> keys = Files.list(methods)) {
            List<Path> dirs = keys.toList();
            assertThat(dirs).hasSize(1);
            Path key = dirs.get(0);
            assertThat(key.getFileName().toString()).startsWith("com.example.legacy.Counter~label~");
            assertThat(Files.readString(key.resolve("current")).trim()).isEqualTo("v1");
            assertThat(key.resolve("v1/Enhancement.java")).exists();
            assertThat(key.resolve("v1/Enhancement.class-bytes")).exists();
            assertThat(Files.readString(key.resolve("v1/metadata.json")))
                    .containsPattern("\"status\"\\s*:\\s*\"active\"")
                    .containsPattern("\"templateDomain\"\\s*:\\s*\"base\"");
            assertThat(key.resolve("v2")).doesNotExist();
        }
    }

    @Test
    void aChangedMethodBodyGetsANewVersion() throws IOException {
        Path work = Files.createTempDirectory("poet-changed");
        Path before = compile("return \"before \" + x;");
        Path after = compile("return \"after \" + x;");
        String include = "com.example.changing.Target[describe]";

        JvmRun first = AgentJvm.of(Counter.class).mainClass("com.example.changing.Target").classPath(before.toString())
                .workDir(work).property("poet.methods.include", include).property("poet.activation", "eager").run();
        JvmRun second = AgentJvm.of(Counter.class).mainClass("com.example.changing.Target").classPath(after.toString())
                .workDir(work).property("poet.methods.include", include).property("poet.activation", "eager").run();

        assertThat(first.stdout()).contains("before 1");
        assertThat(second.stdout()).contains("after 1");
        assertThat(first.agentLines()).anyMatch(l -> l.contains("Target.describe: enhancement v1 active"));
        assertThat(second.agentLines()).anyMatch(l -> l.contains("Target.describe: enhancement v2 active")
                && !l.contains("reused"));
    }

    private static Path compile(String body) throws IOException {
        Path dir = Files.createTempDirectory("poet-target");
        Path source = dir.resolve("com/example/changing/Target.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example.changing;\n"
                + "public class Target {\n"
                + "  public String describe(int x) { " + body + " }\n"
                + "  public static void main(String[] a) { System.out.println(new Target().describe(1)); }\n"
                + "}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", dir.toString(), source.toString());
        assertThat(status).isZero();
        return dir;
    }
}
