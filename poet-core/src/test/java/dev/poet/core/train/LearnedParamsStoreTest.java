package dev.poet.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.store.CorruptStoreFileException;
import dev.poet.core.train.learned.LearnedOverlay;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnedParamsStoreTest {

    static final String KEY = "com.acme.Pricing~quote~0123abcd";

    @TempDir
    Path home;

    @Test
    void learnedValuesAndTheirHistoryRoundTripUnderTheMethodsFolder() throws Exception {
        LearnedParamsStore store = new LearnedParamsStore(home);
        LearnedParams learned = LearnedParams.empty("latency").changedTo(Map.of("timeout-ms", 12L, "retries", 4L),
                new LearnedParams.Change(Instant.parse("2025-01-01T10:00:00Z"), "changed", Map.of(),
                        Map.of("timeout-ms", 12L, "retries", 4L), Map.of("calls", 120, "failure_rate", 0.02)));
        store.save(KEY, learned);

        assertThat(store.file(KEY)).isEqualTo(home.toAbsolutePath().resolve("methods").resolve(KEY)
                .resolve("learned.json"));
        LearnedParams read = new LearnedParamsStore(home).load(KEY).orElseThrow();
        assertThat(read.objective()).isEqualTo("latency");
        assertThat(read.values()).containsEntry("timeout-ms", 12L).containsEntry("retries", 4L);
        assertThat(read.history()).hasSize(1);
        assertThat(read.history().get(0).at()).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
        assertThat(read.history().get(0).evidence()).containsEntry("calls", 120);
        assertThat(store.load("com.acme.Pricing~other~0123abcd")).isEmpty();
        assertThat(Files.list(store.file(KEY).getParent())).extracting(p -> p.getFileName().toString())
                .containsExactly("learned.json");
    }

    @Test
    void fieldsOfANewerAgentSurviveARewriteAndWrongTypesAreRefused() throws Exception {
        LearnedParamsStore store = new LearnedParamsStore(home);
        Files.createDirectories(store.file(KEY).getParent());
        Files.writeString(store.file(KEY), "{\"format\":2,\"objective\":\"cost\",\"values\":{\"retries\":2},"
                + "\"bandit\":{\"arms\":[1,2]}}");
        LearnedParams read = store.load(KEY).orElseThrow();
        assertThat(read.values()).containsEntry("retries", 2L);
        store.save(KEY, read.changedTo(Map.of("retries", 1L), new LearnedParams.Change(Instant.EPOCH, "changed",
                read.values(), Map.of("retries", 1L), Map.of())));
        assertThat(Files.readString(store.file(KEY))).contains("\"bandit\"").contains("\"arms\"");
        assertThat(store.load(KEY).orElseThrow().unknown()).containsKey("bandit");

        for (String bad : List.of("[]", "{\"objective\":\"cost\"}", "{\"format\":1}",
                "{\"format\":1,\"objective\":\"cost\",\"values\":{\"retries\":\"many\"}}",
                "{\"format\":1,\"objective\":\"cost\",\"history\":[{\"at\":\"yesterday\",\"kind\":\"changed\"}]}",
                "{\"format\":1,\"objective\":")) {
            Files.writeString(store.file(KEY), bad);
            assertThatThrownBy(() -> store.load(KEY)).as(bad).isInstanceOf(CorruptStoreFileException.class);
        }
    }

    @Test
    void explicitKeysWinOverLearnedValuesAndEveryLearnedValueStaysInItsBounds() {
        ParamBounds bounds = ParamBounds.of(Map.of("timeout-ms", List.of(50.0, 500.0)));
        Map<String, Object> configured = Map.of("retries", "2", "timeout-ms", "0", "backoff-initial-ms", "100");
        Map<String, Object> effective = LearnedOverlay.apply(configured,
                Map.of("retries", 5L, "timeout-ms", 3L, "backoff-initial-ms", 1_000_000L, "not-bounded", 7L),
                Set.of("retries"), bounds);

        assertThat(effective).containsEntry("retries", "2").containsEntry("timeout-ms", 50L)
                .containsEntry("backoff-initial-ms", 10_000L).doesNotContainKey("not-bounded");
        assertThat(bounds.clamp("timeout-ms", 900)).isEqualTo(500L);
        assertThat(bounds.clamp("significance", 0.5)).isEqualTo(0.2);
        assertThatThrownBy(() -> new ParamBounds.Bound(3, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
