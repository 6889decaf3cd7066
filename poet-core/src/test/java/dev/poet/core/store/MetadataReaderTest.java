package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The streaming reader reads what the mapper writes, and accepts and refuses what the mapper did. */
class MetadataReaderTest {

    private static VersionMetadata read(String json) throws Exception {
        return MetadataReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** What the store read with before: the data-binding mapper. */
    private static VersionMetadata mapper(byte[] json) throws Exception {
        return StoreJson.mapper().readValue(json, VersionMetadata.class);
    }

    @Test
    void readsWhatTheMapperWrites() throws Exception {
        VersionMetadata full = VersionMetadata.builder().generator("template").templateDomain("base")
                .templateVersion("2").model("m").provider("p").bytecodeHash("b").configFingerprint("c")
                .sourceHash("s").audit(AuditRecord.reject("denied: x")).status(VersionStatus.SUPERSEDED)
                .reason("r").timing("render", 9).timing("compile", 118).createdAt(Instant.parse("2026-11-22T14:53:21Z"))
                .enhancementClass("dev.poet.gen.X$M0").promptHash("h").build();
        assertThat(MetadataReader.read(StoreJson.write(full))).isEqualTo(full);
        assertThat(MetadataReader.read(StoreJson.write(full))).isEqualTo(mapper(StoreJson.write(full)));
        VersionMetadata sparse = VersionMetadata.builder().audit(AuditRecord.pass()).build();
        assertThat(MetadataReader.read(StoreJson.write(sparse))).isEqualTo(sparse);
    }

    @Test
    void acceptsWhatTheMapperAccepted() throws Exception {
        VersionMetadata m = read("{\"unknown\": {\"a\": [1, 2]}, \"status\": \"ACTIVE\", \"templateVersion\": 2,"
                + " \"timingsMs\": {\"audit\": \"3\"}, \"createdAt\": null}");
        assertThat(m.status()).isEqualTo(VersionStatus.ACTIVE);
        assertThat(m.templateVersion()).isEqualTo("2");
        assertThat(m.timingsMs()).containsEntry("audit", 3L);
        // The mapper dropped unknown fields; the reader keeps them, so that a rewrite does not lose them.
        assertThat(m.unknownFields()).containsExactly(java.util.Map.entry("unknown", "{\"a\":[1,2]}"));
        assertThat(m.withoutUnknownFields()).isEqualTo(mapper(("{\"unknown\": {\"a\": [1, 2]}, \"status\": \"ACTIVE\","
                + " \"templateVersion\": 2, \"timingsMs\": {\"audit\": \"3\"}, \"createdAt\": null}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesBrokenFilesAsJacksonDid() {
        for (String json : new String[] {"{\"generator\": ", "[]",
                "{\"createdAt\": \"yesterday\"}", "{\"timingsMs\": {\"a\": \"x\"}}", "{\"timingsMs\": {\"a\": null}}",
                "{\"generator\": {}}", "{\"audit\": 3}", ""}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JacksonException.class);
            assertThatThrownBy(() -> mapper(json.getBytes(StandardCharsets.UTF_8))).as(json)
                    .isInstanceOf(JacksonException.class);
        }
    }
}
