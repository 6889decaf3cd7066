package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionStoreTest {

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    static final MethodKey KEY = MethodKey.of("com.acme.Pricing", "quote", "(I)D", "");

    @TempDir
    Path home;

    VersionStore store(int max) {
        return new VersionStore(home, max, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static VersionMetadata meta(String bytecodeHash, String templateVersion, String fingerprint) {
        return VersionMetadata.builder().generator("template").templateDomain("base")
                .templateVersion(templateVersion).bytecodeHash(bytecodeHash).configFingerprint(fingerprint)
                .audit(AuditRecord.pass()).timing("compile", 120).build();
    }

    StoredVersion save(VersionStore s, String tag, boolean activate) throws IOException {
        return s.save(KEY, "class Enhancement { /* " + tag + " */ }", ClassBytesTest.sample(),
                Map.of("attempts", 3), meta("bc", "1", "cfg"), activate);
    }

    @Test
    void saveAndReadBackEverything() throws IOException {
        VersionStore s = store(10);
        StoredVersion v = s.save(KEY, "class Enhancement {}", ClassBytesTest.sample(),
                Map.of("attempts", 3, "backoff", Map.of("baseMs", 50)),
                meta("abc", "1.2", "fp").toBuilder().model("gpt").provider("openai").build(), true);
        assertThat(v.name()).isEqualTo("v1");
        assertThat(v.directory()).isEqualTo(home.toAbsolutePath().resolve("methods").resolve(KEY.value()).resolve("v1"));
        try (Stream<Path> files = Files.list(v.directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "Enhancement.java", "Enhancement.class-bytes", "params.json", "state.json", "metadata.json");
        }
        assertThat(Files.readString(s.methodDir(KEY).resolve("current")).trim()).isEqualTo("v1");

        StoredVersion back = s.current(KEY).orElseThrow();
        assertThat(back.name()).isEqualTo("v1");
        assertThat(back.source()).isEqualTo("class Enhancement {}");
        assertThat(back.classBytes()).isEqualTo(ClassBytesTest.sample());
        VersionMetadata m = back.metadata();
        assertThat(m.status()).isEqualTo(VersionStatus.ACTIVE);
        assertThat(m.createdAt()).isEqualTo(NOW);
        assertThat(m.sourceHash()).isEqualTo(MethodKey.sha256Hex("class Enhancement {}"));
        assertThat(m.timingsMs()).containsEntry("compile", 120L);
        assertThat(m.audit()).isEqualTo(AuditRecord.pass());
        assertThat(m.model()).isEqualTo("gpt");
        assertThat(m.templateVersion()).isEqualTo("1.2");
        assertThat(s.readParams(KEY, "v1")).containsEntry("attempts", 3).containsEntry("backoff", Map.of("baseMs", 50));
        assertThat(s.readState(KEY, "v1")).isEmpty();
        s.writeState(KEY, "v1", Map.of("n", 7));
        s.writeParams(KEY, "v1", Map.of("attempts", 4));
        assertThat(s.readState(KEY, "v1")).containsEntry("n", 7);
        assertThat(s.readParams(KEY, "v1")).containsExactly(Map.entry("attempts", 4));
        assertThat(s.methods()).containsExactly(KEY);
        assertThat(Files.readString(v.directory().resolve("metadata.json"))).contains("\"status\" : \"active\"");
    }

    @Test
    void metadataIgnoresUnknownFields() throws IOException {
        VersionStore s = store(10);
        StoredVersion v = save(s, "a", true);
        Path file = v.directory().resolve("metadata.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ \"futureField\" : {\"x\":1},"));
        assertThat(s.current(KEY).orElseThrow().metadata().bytecodeHash()).isEqualTo("bc");
    }

    @Test
    void activationSupersedesThePreviousVersionAndCandidatesKeepTheirStatus() throws IOException {
        VersionStore s = store(10);
        save(s, "1", true);
        StoredVersion candidate = save(s, "2", false);
        assertThat(candidate.metadata().status()).isNull();
        assertThat(s.current(KEY).orElseThrow().name()).isEqualTo("v1");
        save(s, "3", true);
        assertThat(s.version(KEY, "v1").orElseThrow().metadata().status()).isEqualTo(VersionStatus.SUPERSEDED);
        assertThat(s.current(KEY).orElseThrow().name()).isEqualTo("v3");
        s.activate(KEY, "v1");
        assertThat(s.current(KEY).orElseThrow().metadata().status()).isEqualTo(VersionStatus.ACTIVE);
        assertThat(s.version(KEY, "v3").orElseThrow().metadata().status()).isEqualTo(VersionStatus.SUPERSEDED);
        s.deactivate(KEY);
        assertThat(s.current(KEY)).isEmpty();
        assertThatThrownBy(() -> s.activate(KEY, "v9")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void pruningKeepsTheNewestTenAndNeverTheCurrent() throws IOException {
        VersionStore s = store(10);
        save(s, "1", true);
        for (int i = 2; i <= 14; i++) {
            save(s, String.valueOf(i), false);
        }
        List<String> versions = s.versions(KEY);
        assertThat(versions).hasSize(10).first().isEqualTo("v1");
        assertThat(versions).containsExactly("v1", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14");
        assertThat(s.current(KEY).orElseThrow().name()).isEqualTo("v1");
        save(s, "15", true);
        assertThat(s.versions(KEY)).hasSize(10).doesNotContain("v1").endsWith("v15");
        try (Stream<Path> files = Files.list(s.methodDir(KEY))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("v\\d+|current|\\.lock"));
        }
    }

    @Test
    void findReusableRequiresAllThreeToMatchAndSkipsRejectedAndQuarantined() throws IOException {
        VersionStore s = store(10);
        s.save(KEY, "a", ClassBytesTest.sample(), Map.of(), meta("h1", "t1", "c1"), true);
        s.save(KEY, "b", ClassBytesTest.sample(), Map.of(), meta("h1", "t1", "c1"), true);
        s.save(KEY, "c", ClassBytesTest.sample(), Map.of(), meta("h2", "t1", "c1"), false);
        assertThat(s.findReusable(KEY, "h1", "t1", "c1")).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("v2"));
        assertThat(s.findReusable(KEY, "h1", "t2", "c1")).isEmpty();
        assertThat(s.findReusable(KEY, "h1", "t1", "c2")).isEmpty();
        assertThat(s.findReusable(KEY, "h3", "t1", "c1")).isEmpty();
        assertThat(s.findReusable(KEY, "h2", "t1", "c1")).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("v3"));

        s.markStatus(KEY, "v2", VersionStatus.QUARANTINED, "5 own failures");
        assertThat(s.version(KEY, "v2").orElseThrow().metadata().reason()).isEqualTo("5 own failures");
        assertThat(s.findReusable(KEY, "h1", "t1", "c1")).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("v1"));
        s.markStatus(KEY, "v1", VersionStatus.REJECTED, "audit");
        assertThat(s.findReusable(KEY, "h1", "t1", "c1")).isEmpty();
        assertThat(s.find(KEY, m -> "h1".equals(m.bytecodeHash()))).hasValueSatisfying(
                v -> assertThat(v.name()).isEqualTo("v2"));
    }

    @Test
    void corruptClassBytesAreDetectedAndNotReused() throws IOException {
        VersionStore s = store(10);
        StoredVersion v = save(s, "a", true);
        Path file = v.directory().resolve("Enhancement.class-bytes");
        byte[] data = Files.readAllBytes(file);
        data[10] ^= 1;
        Files.write(file, data);
        assertThatThrownBy(() -> s.current(KEY).orElseThrow().classBytes())
                .isInstanceOf(CorruptStoreFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum mismatch");
        assertThat(s.findReusable(KEY, "bc", "1", "cfg")).isEmpty();
    }

    @Test
    void noTempFilesAreLeftBehind() throws IOException {
        VersionStore s = store(3);
        for (int i = 0; i < 6; i++) {
            StoredVersion v = save(s, "x" + i, i % 2 == 0);
            s.writeParams(KEY, v.name(), Map.of("i", i));
            s.markStatus(KEY, v.name(), VersionStatus.SUPERSEDED, "test");
        }
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.startsWith(".trash-"));
        }
    }

    @Test
    void halfWrittenVersionIsIgnoredAndRemovedByTheNextSave() throws IOException {
        VersionStore s = store(10);
        save(s, "1", true);
        Path half = s.methodDir(KEY).resolve("v2");
        Files.createDirectories(half);
        Files.writeString(half.resolve("Enhancement.java"), "class Enhancement {");
        Files.writeString(half.resolve(".metadata.json.123-1.tmp"), "{\"gener");
        Path badMeta = s.methodDir(KEY).resolve("v3");
        Files.createDirectories(badMeta);
        Files.writeString(badMeta.resolve("metadata.json"), "{\"generator\": ");

        assertThat(s.versions(KEY)).containsExactly("v1");
        assertThat(s.version(KEY, "v2")).isEmpty();
        assertThat(s.find(KEY, m -> true)).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("v1"));

        StoredVersion next = save(s, "2", true);
        assertThat(next.name()).isEqualTo("v2");
        assertThat(next.source()).isEqualTo("class Enhancement { /* 2 */ }");
        assertThat(badMeta).doesNotExist();
        assertThat(s.versions(KEY)).containsExactly("v1", "v2");
    }

    @Test
    void currentNamingAMissingVersionIsTreatedAsNone() throws IOException {
        VersionStore s = store(10);
        save(s, "1", true);
        Files.writeString(s.methodDir(KEY).resolve("current"), "v7\n");
        assertThat(s.current(KEY)).isEmpty();
        Files.writeString(s.methodDir(KEY).resolve("current"), "../../etc\n");
        assertThat(s.current(KEY)).isEmpty();
        assertThat(store(10).current(MethodKey.of("x.Y", "z", "()V", ""))).isEmpty();
    }
}
