package dev.poet.core.engine;

import java.io.IOException;
import java.nio.file.Path;
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
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learned parameters through the real engine (bundled base template, pipeline, slots): swapped live into the
 * running method, laid over the configured ones at activation after a restart without a new version, and never
 * over a key the configuration set.
 */
class LearnedParamsEngineTest extends DownstreamEngineTest {



    @Test
    void learnedValuesGoLiveSurviveARestartWithoutANewVersionAndNeverOverrideConfiguration() throws Exception {
        start(settings());
        assertThat(call()).as("template default retries=3").isEqualTo(3);
        TrainedMethod m = trained();
        assertThat(m.optimizeFor()).isEqualTo("latency");
        assertThat(m.explicitKeys()).contains("optimize-for", "backoff-initial-ms").doesNotContain("retries");
        assertThat(m.configured()).containsEntry("retries", "3");

        assertThat(engine.applyLearned(m.key(), m.current().with("retries", 1L))).isTrue();
        assertThat(call()).as("the live swap is in force from the next call").isEqualTo(1);
        assertThat(engine.applyLearned("com.acme.Other~x~0123abcd", Params.EMPTY)).isFalse();

        VersionStore store = new VersionStore(dir.resolve(".poet"));
        String key = m.key();
        new LearnedParamsStore(dir.resolve(".poet")).save(key, new LearnedParams("latency",
                Map.of("retries", 2L, "timeout-ms", 5_000L), List.of(), Map.of()));
        awaitStored(store, key);
        start(settings());
        assertThat(call()).as("a new engine over the same home activates with the learned values").isEqualTo(2);
        assertThat(trained().current().getLong("timeout-ms", 0)).isEqualTo(5_000);
        assertThat(trained().configured()).as("learned values are no configured values").doesNotContainKey(
                "timeout-ms");
        assertThat(trained().version()).isEqualTo("v1");
        assertThat(store.versions(MethodKey.parse(key))).as("the version did not change").containsExactly("v1");

        start(settings("retries", "4"));
        assertThat(call()).as("configuration wins over learning").isEqualTo(4);
        assertThat(trained().current().getLong("timeout-ms", 0)).isEqualTo(5_000);

        new LearnedParamsStore(dir.resolve(".poet")).save(key, new LearnedParams("cost", Map.of("retries", 1L),
                List.of(), Map.of()));
        start(settings());
        assertThat(call()).as("values learned for another objective are not used").isEqualTo(3);
    }

}
