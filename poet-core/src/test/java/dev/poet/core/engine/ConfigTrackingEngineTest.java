package dev.poet.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.SlotTable;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.config.ConfigHistory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration tracking through the real engine (bundled base template, pipeline, slots): a restart whose
 * configuration changed a setting says so, key by key; the first start and an unchanged restart say nothing.
 */
class ConfigTrackingEngineTest extends DownstreamEngineTest {

    private final List<Map<String, Object>> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    void configure(EnhancementPipeline pipeline) {
        pipeline.trackConfigurationIn(new ConfigHistory(dir.resolve(".poet"), (type, cause, payload) -> {
            emitted.add(Map.of("type", type, "payload", payload));
            return "ev" + emitted.size();
        }, Clock.fixed(Instant.ofEpochMilli(1_000L * emitted.size()), ZoneOffset.UTC)));
    }

    /** The activated version is stored (and its settings compared) on the generator thread: let it finish. */
    private void settled() {
        engine.shutdown(5_000);
        engine = null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) event.get("payload");
    }

    @Test
    void aRestartWithAChangedSettingEmitsConfigChangedForThatKeyOnly() throws Exception {
        start(settings("retries", "2"));
        assertThat(call()).isEqualTo(2);
        settled();
        assertThat(emitted).as("first run: nothing to compare with").isEmpty();
        try (var files = java.nio.file.Files.walk(dir.resolve(".poet/methods"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals(ConfigHistory.FILE))).hasSize(1);
        }

        start(settings("retries", "2"));
        call();
        settled();
        assertThat(emitted).as("unchanged restart").isEmpty();

        start(settings("retries", "4"));
        assertThat(call()).isEqualTo(4);
        settled();

        assertThat(emitted).singleElement().satisfies(e -> {
            assertThat(e.get("type")).isEqualTo("config.changed");
            assertThat(payload(e)).containsEntry("key", "retries").containsEntry("old_value", "2")
                    .containsEntry("new_value", "4").containsEntry("actor", "configuration")
                    .containsEntry("function_name", Downstream.class.getName() + ".fetch");
        });
    }
}
