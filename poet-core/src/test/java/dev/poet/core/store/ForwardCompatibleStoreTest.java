package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent versions may share one {@code .poet}: a version written by a newer agent, with a status or fields this
 * one does not know, is kept, never activated by this agent, never deleted, and its unknown fields survive any
 * rewrite of its metadata.
 */
class ForwardCompatibleStoreTest {

    private static final MethodKey KEY = VersionStoreTest.KEY;
    private static final String FUTURE_FIELD = "\"verifiedOn\" : {\"recorded\" : 12, \"kinds\" : [\"a\", null, 1.5]}";

    @TempDir
    Path home;

    private VersionStore store(int max) {
        return new VersionStore(home, max, Clock.systemUTC());
    }

    private static VersionMetadata read(String json) throws IOException {
        return MetadataReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private StoredVersion save(VersionStore s, boolean activate) throws IOException {
        return s.save(KEY, "class Enhancement {}", ClassBytesTest.sample(), Map.of(),
                VersionStoreTest.meta("bc", "1", "cfg"), activate);
    }

    /** Rewrites a stored version's metadata as a newer agent would have written it. */
    private static void writtenByANewerAgent(StoredVersion v, String status) throws IOException {
        Path file = v.directory().resolve("metadata.json");
        String json = Files.readString(file).replaceFirst("\"status\" : \"[a-z_]+\",?", "");
        json = json.replaceFirst("\\{", "{ " + FUTURE_FIELD + ", \"status\" : \"" + status + "\",");
        Files.writeString(file, json);
    }

    @Test
    void anUnknownStatusOrFieldIsReadNotRefused() throws IOException {
        VersionMetadata m = read("{\"generator\": \"template\", \"status\": \"shadow_traffic\", " + FUTURE_FIELD
                + ", \"nextGen\": 3}");

        assertThat(m.generator()).isEqualTo("template");
        assertThat(m.status()).isNull();
        assertThat(m.understood()).isFalse();
        assertThat(m.statusText()).isEqualTo("shadow_traffic");
        assertThat(m.unknownFields()).containsOnlyKeys("status", "verifiedOn", "nextGen");
        assertThat(read("{\"status\": {\"name\": \"later\"}}").understood()).isFalse();
        assertThat(read("{\"status\": \"superseded\", \"x\": 1}").understood()).isTrue();
        assertThat(read("{\"status\": \"superseded\"}").statusText()).isEqualTo("superseded");
    }

    @Test
    void everyStatusTheNextWorkNeedsRoundTripsWithItsActivationRule() throws IOException {
        for (VersionStatus status : VersionStatus.values()) {
            VersionMetadata m = VersionMetadata.builder().status(status).build();
            assertThat(MetadataReader.read(StoreJson.write(m))).isEqualTo(m);
        }
        assertThat(VersionStatus.fromJson("awaiting_review")).isEqualTo(VersionStatus.AWAITING_REVIEW);
        assertThat(VersionStatus.ROLLED_BACK.jsonName()).isEqualTo("rolled_back");
        assertThat(VersionStatus.values()).filteredOn(VersionStatus::activatable).containsExactlyInAnyOrder(
                VersionStatus.CANDIDATE, VersionStatus.CANARY, VersionStatus.ACTIVE, VersionStatus.SUPERSEDED);
        assertThat(VersionMetadata.builder().build().activatable()).as("a legacy candidate, no status").isTrue();
        assertThat(read("{\"status\": \"shadow_traffic\"}").activatable()).isFalse();
        assertThat(read("{\"status\": \"awaiting_review\"}").activatable()).isFalse();
    }

    @Test
    void aVersionThisAgentDoesNotUnderstandIsKeptNeverReusedNeverActivated() throws IOException {
        VersionStore s = store(10);
        save(s, true);
        StoredVersion future = save(s, false);
        writtenByANewerAgent(future, "shadow_traffic");
        byte[] before = Files.readAllBytes(future.directory().resolve("metadata.json"));

        assertThat(s.versions(KEY)).containsExactly("v1", "v2");
        assertThat(s.findReusable(KEY, "bc", "1", "cfg")).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("v1"));
        assertThatThrownBy(() -> s.activate(KEY, "v2")).isInstanceOf(IOException.class)
                .hasMessageContaining("v2").hasMessageContaining("shadow_traffic");
        assertThat(s.currentName(KEY)).hasValue("v1");

        StoredVersion v3 = save(s, true);
        assertThat(v3.name()).isEqualTo("v3");
        assertThat(future.directory()).isDirectory();
        assertThat(Files.readAllBytes(future.directory().resolve("metadata.json"))).isEqualTo(before);
        assertThat(s.versions(KEY)).containsExactly("v1", "v2", "v3");
    }

    @Test
    void itIsNeverPruned() throws IOException {
        VersionStore s = store(2);
        writtenByANewerAgent(save(s, false), "canary_v2");
        for (int i = 0; i < 4; i++) {
            save(s, true);
        }
        assertThat(s.versions(KEY)).containsExactly("v1", "v4", "v5");
    }

    @Test
    void aWellFormedButUnreadableMetadataIsNotDebris() throws IOException {
        VersionStore s = store(10);
        StoredVersion v1 = save(s, true);
        Files.writeString(v1.directory().resolve("metadata.json"), "{\"timingsMs\": {\"compile\": {\"cpu\": 3}}}");

        assertThat(s.versions(KEY)).isEmpty();
        save(s, true);
        assertThat(v1.directory().resolve("metadata.json")).exists();
        assertThat(s.versions(KEY)).containsExactly("v2");
    }

    @Test
    void unknownFieldsSurviveEveryRewrite() throws IOException {
        VersionStore s = store(10);
        StoredVersion v1 = save(s, true);
        Path file = v1.directory().resolve("metadata.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ " + FUTURE_FIELD + ","));

        save(s, true);
        assertThat(Files.readString(file)).contains("\"status\" : \"superseded\"");
        s.markStatus(KEY, "v1", VersionStatus.QUARANTINED, "5 own failures");
        s.activate(KEY, "v2");

        VersionMetadata m = read(Files.readString(file));
        assertThat(m.status()).isEqualTo(VersionStatus.QUARANTINED);
        assertThat(m.unknownFields()).containsOnlyKeys("verifiedOn");
        assertThat(Files.readString(file).replaceAll("\\s", ""))
                .contains("\"verifiedOn\":{\"recorded\":12,\"kinds\":[\"a\",null,1.5]}");
    }
}
