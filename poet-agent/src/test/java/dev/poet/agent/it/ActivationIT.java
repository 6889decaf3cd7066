package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.attach.LateAttach;
import com.example.eager.StaticInit;
import com.example.legacy.Counter;

import static org.assertj.core.api.Assertions.assertThat;

/** When enhancements become active: attached later, eagerly from a static initialiser, by two JVMs at once. */
@ExtendWith(SuppressedErrorCheck.class)
class ActivationIT {

    @Test
    void attachingToARunningJvmRetransformsLoadedClasses() {
        JvmRun run = AgentJvm.of(LateAttach.class).withoutAgent()
                .property("jdk.attach.allowAttachSelf", "true")
                .property("poet.activation", "eager")
                .args(AgentJvm.agentJar().toString()).run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("before 9", "after 30");
        assertThat(run.counter("com.example.attach.LateAttach.square", "calls")).as(run.toString()).isEqualTo(5);
        SuppressedErrorCheck.verify(java.util.List.of(run));
    }

    @Test
    void eagerActivationNeverWaitsInsideTheClassesOwnStaticInitialiser() {
        JvmRun run = AgentJvm.of(StaticInit.class).property("poet.activation", "eager")
                .property("poet.activation.timeout-ms", "60000").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("total 27", "init fast true");
        assertThat(run.counter("com.example.eager.StaticInit.compute", "calls")).as(run.toString()).isEqualTo(3);
    }

    @Test
    void aClassLoaderThatCannotSeeTheBridgeIsSkipped() {
        JvmRun run = AgentJvm.of(com.example.isolated.Isolated.class).property("poet.activation", "eager").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("total 18");
        assertThat(run.agentLines()).anyMatch(l -> l.contains("does not see the POET bridge"));
        assertThat(run.summaryOf("com.example.isolated.Isolated$Guarded.triple")).isNull();
    }

    @Test
    void twoJvmsSharingOnePoetHomeBothActivate() throws IOException {
        Path work = Files.createTempDirectory("poet-shared");
        AgentJvm jvm = AgentJvm.of(Counter.class).workDir(work)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager");
        CompletableFuture<JvmRun> first = CompletableFuture.supplyAsync(jvm::run);
        JvmRun second = AgentJvm.of(Counter.class).workDir(work)
                .property("poet.methods.include", "com.example.legacy.Counter[label]")
                .property("poet.activation", "eager").run();
        JvmRun one = first.join();

        assertThat(one.counter("com.example.legacy.Counter.label", "calls")).as(one.toString()).isEqualTo(10);
        assertThat(second.counter("com.example.legacy.Counter.label", "calls")).as(second.toString()).isEqualTo(10);
        try (var keys = Files.list(work.resolve(".poet/methods"))) {
            Path key = keys.findFirst().orElseThrow();
            String current = Files.readString(key.resolve("current")).trim();
            assertThat(key.resolve(current).resolve("metadata.json")).exists();
            assertThat(key.resolve(current).resolve("Enhancement.class-bytes")).exists();
        }
        SuppressedErrorCheck.verify(java.util.List.of(one));
    }
}
