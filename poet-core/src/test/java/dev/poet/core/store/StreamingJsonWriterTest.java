package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer writes exactly what the mapper wrote, and leaves types it does not know to the mapper. */
class StreamingJsonWriterTest {

    private static void sameAsMapper(Object value) throws Exception {
        byte[] streamed = StreamingJsonWriter.write(value);
        assertThat(streamed).as("handled: " + value).isNotNull();
        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(StoreJson.mapper().writeValueAsBytes(value), StandardCharsets.UTF_8));
    }

    @Test
    void metadataAsTheMapperWritesIt() throws Exception {
        sameAsMapper(VersionMetadata.builder().generator("template").templateDomain("base").templateVersion("2")
                .model("m").provider("p").bytecodeHash("b").configFingerprint("c").sourceHash("s")
                .audit(AuditRecord.reject("denied: \"x\"\n")).status(VersionStatus.ACTIVE).reason("r")
                .timing("render", 9).timing("compile", 118).createdAt(Instant.parse("2026-11-22T14:53:21.123456Z"))
                .enhancementClass("dev.poet.gen.X$M0").promptHash("h").build());
        sameAsMapper(VersionMetadata.builder().build());
        sameAsMapper(VersionMetadata.builder().audit(AuditRecord.pass()).status(VersionStatus.QUARANTINED)
                .createdAt(Instant.EPOCH).build());
    }

    @Test
    void mapsAsTheMapperWritesThem() throws Exception {
        sameAsMapper(Map.of());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("retries", "3");
        params.put("timeout-ms", 250L);
        params.put("ratio", 0.5);
        params.put("on", true);
        params.put("none", null);
        params.put("list", List.of(1, "two", List.of()));
        params.put("nested", Map.of("a", new BigDecimal("1.50")));
        params.put("empty", new ArrayList<>());
        params.put("unicode", "é ✓ \u0001");
        sameAsMapper(params);
    }

    @Test
    void leavesOtherTypesToTheMapper() throws Exception {
        assertThat(StreamingJsonWriter.write(Map.of("x", new Object()))).isNull();
        assertThat(StreamingJsonWriter.write(Map.of(1, "x"))).isNull();
        assertThat(new String(StoreJson.write(Map.of("id", new java.util.UUID(0, 1))), StandardCharsets.UTF_8))
                .contains("00000000-0000-0000-0000-000000000001");
    }
}
