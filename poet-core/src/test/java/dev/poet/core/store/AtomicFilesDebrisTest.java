package dev.poet.core.store;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesDebrisTest {

    @TempDir
    Path dir;

    @Test
    void aTempFileIsDebrisOnlyWhenItsWriterIsGone() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long dead = p.pid();
        p.waitFor();
        assertThat(AtomicFiles.abandoned(dir.resolve(".learned.json." + dead + "-3.tmp"))).isTrue();
        assertThat(AtomicFiles.abandoned(dir.resolve(".learned.json." + ProcessHandle.current().pid() + "-3.tmp")))
                .as("this process's write may be in progress").isFalse();
        assertThat(AtomicFiles.abandoned(dir.resolve(".x.garbage.tmp"))).isTrue();
        assertThat(AtomicFiles.abandoned(dir.resolve("learned.json"))).isFalse();
    }

    @Test
    void aWriteBesideTheVersionsSurvivesTheStoresSweep() throws Exception {
        VersionStore store = new VersionStore(dir);
        MethodKey key = VersionStoreTest.KEY;
        Path methodDir = store.methodDir(key);
        Files.createDirectories(methodDir);
        Path inProgress = methodDir.resolve(".learned.json." + ProcessHandle.current().pid() + "-9.tmp");
        Files.writeString(inProgress, "{");
        Path leftByACrash = methodDir.resolve(".learned.json.x-1.tmp");
        Files.writeString(leftByACrash, "{");
        store.save(key, "class Enhancement {}", ClassBytesTest.sample(), java.util.Map.of("attempts", 3),
                VersionStoreTest.meta("bc", "1", "cfg"), true);
        assertThat(inProgress).exists();
        assertThat(leftByACrash).doesNotExist();
    }
}
