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
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.TrainedMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Train's versions through the real engine (bundled base template, pipeline, slots, store): a regenerated candidate
 * passes the gate and is stored without running; promotion puts it in the slot and makes it current; a rollback
 * restores a stored version and marks the undone one.
 */
class TrainedVersionsEngineTest extends DownstreamEngineTest {



    @Test
    void aCandidateIsStoredWithoutRunningPromotedIntoTheSlotAndRolledBackByHand() throws Exception {
        start(settings());
        assertThat(call()).as("template default retries=3").isEqualTo(3);
        TrainedMethod m = trained();
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        MethodKey key = MethodKey.parse(m.key());
        awaitVersion();
        m = trained();

        var candidate = engine.generateCandidate(m.key(), Map.of("retries", 1L), "evidence").orElseThrow();

        assertThat(candidate.version()).isEqualTo("v2");
        assertThat(candidate.current().version()).isEqualTo("v1");
        assertThat(candidate.candidate().context().params().getLong("retries", 0)).isEqualTo(1);
        assertThat(store.version(key, "v2").orElseThrow().metadata().status()).isEqualTo(VersionStatus.CANDIDATE);
        assertThat(store.currentName(key)).hasValue("v1");
        assertThat(call()).as("a candidate does not run").isEqualTo(3);

        assertThat(engine.promote(m.key(), "v2")).isTrue();
        assertThat(call()).as("the promoted version runs from the next call").isEqualTo(1);
        assertThat(trained().version()).isEqualTo("v2");
        assertThat(store.currentName(key)).hasValue("v2");
        assertThat(engine.promote(m.key(), "v2")).as("promoted once").isFalse();

        assertThat(engine.rollBack(m.key(), "v1", "by hand")).isTrue();
        assertThat(call()).as("the restored version runs").isEqualTo(3);
        assertThat(trained().version()).isEqualTo("v1");
        assertThat(store.currentName(key)).hasValue("v1");
        assertThat(store.version(key, "v2").orElseThrow().metadata().status()).isEqualTo(VersionStatus.ROLLED_BACK);
        assertThat(engine.rollBack(m.key(), "v2", "again")).as("a rolled-back version is not activated again")
                .isFalse();
        assertThat(engine.rollBack(m.key(), "v9", "none")).isFalse();
    }

    @Test
    void aDiscardedCandidateIsRejectedAndNeverPromoted() throws Exception {
        start(settings());
        call();
        TrainedMethod m = trained();
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        awaitVersion();
        m = trained();
        var candidate = engine.generateCandidate(m.key(), Map.of("retries", 1L), null).orElseThrow();

        engine.discard(m.key(), candidate.version(), "not better on replay");

        assertThat(engine.promote(m.key(), candidate.version())).isFalse();
        assertThat(store.version(MethodKey.parse(m.key()), candidate.version()).orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.REJECTED);
        assertThat(call()).isEqualTo(3);
    }

    /** Until the running version is stored under its name (activation does not wait for the disk). */
    private void awaitVersion() throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while ("pending".equals(trained().version()) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

}
