package dev.poet.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.core.events.EventTypes;
import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.EngineControl;
import dev.poet.core.operate.LiveChanges;
import dev.poet.core.operate.LiveOperations;
import dev.poet.core.operate.StoreOperations;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;

/**
 * Operator changes through the real engine (a method without optimize-for): what the store says is reconciled
 * into the running slot — parameters from the next call on, disable and enable, a rollback to a stored version —
 * each change announced as {@code config.changed} with its actor, and {@code status.json} written.
 */
class OperatorEngineTest extends DownstreamEngineTest {

    record Emitted(String type, Map<String, Object> payload) {
    }

    final List<Emitted> events = new ArrayList<>();
    LiveChanges live;

    @Override
    void configure(EnhancementPipeline pipeline) {
        this.pipeline = pipeline;
    }

    EnhancementPipeline pipeline;

    static Map<String, String> plain(String backoff) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("backoff-initial-ms", backoff);
        m.put("retry-budget-max-tokens", "1000");
        return m;
    }

    /** Starts the engine with a LiveChanges over it, as the agent does. */
    void startOperated(Map<String, String> settings) {
        start(settings);
        live = new LiveChanges(dir.resolve(".poet"), new VersionStore(dir.resolve(".poet")), engine, k -> null,
                (type, cause, payload) -> {
                    synchronized (events) {
                        events.add(new Emitted(type, payload));
                    }
                    return "e" + events.size();
                }, 1000, Clock.systemUTC());
        pipeline.operatedBy(live);
        engine.operatedBy(live);
    }

    /** Attempts of one call, or -1 when the original ran (no enhancement in the slot). */
    int attempts() {
        Downstream app = new Downstream();
        Outcome outcome = Dispatcher.dispatch(table.content(id), id, Downstream.class, app, new Object[] {"a"});
        return outcome == null ? -1 : app.attempts;
    }

    String slotVersion() {
        return engine.slots().stream().map(EngineControl.Slot::version).findFirst().orElse(null);
    }

    @Test
    void paramsDisableEnableAndRollbackReachTheRunningSlot() throws Exception {
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        startOperated(plain("0"));
        assertThat(call()).isEqualTo(3);
        String key = engine.slots().get(0).key();
        awaitStored(store, key);
        startOperated(plain("1"));
        assertThat(call()).isEqualTo(3);
        awaitCurrent(store, key, "v2");
        live.reconcile();

        StoreOperations ops = new StoreOperations(dir.resolve(".poet"), "");
        ops.setParams(key, Map.of("retries", "5"), "cli:ann");
        assertThat(attempts()).as("not applied before the reconciliation").isEqualTo(3);
        live.reconcile();
        assertThat(attempts()).isEqualTo(5);

        ops.setEnabled(key, false, "cli:ann");
        live.reconcile();
        assertThat(attempts()).as("disabled: the original runs").isEqualTo(-1);
        assertThat(engine.slots().get(0).state()).isEqualTo("disabled");
        ops.setEnabled(key, true, "cli:ann");
        live.reconcile();
        assertThat(attempts()).isEqualTo(5);

        ops.rollback(key, "v1", "cli:ann");
        live.reconcile();
        assertThat(slotVersion()).isEqualTo("v1");
        assertThat(table.content(id)).isInstanceOf(ActiveMethod.class);
        assertThat(attempts()).as("operator params stay in force over the restored version").isEqualTo(5);
        assertThat(store.version(MethodKey.parse(key), "v2").orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.ROLLED_BACK);

        ops.setParams(key, Map.of("retries", ""), "cli:ann");
        live.reconcile();
        assertThat(attempts()).isEqualTo(3);
        // Set and removed again over the restored version.
        ops.setParams(key, Map.of("retries", "1"), "cli:ann");
        live.reconcile();
        assertThat(attempts()).isEqualTo(1);
        ops.setParams(key, Map.of("retries", ""), "cli:ann");
        live.reconcile();
        assertThat(attempts()).isEqualTo(3);

        List<Emitted> changed;
        synchronized (events) {
            changed = events.stream().filter(e -> e.type().equals(EventTypes.CONFIG_CHANGED)).toList();
        }
        assertThat(changed).extracting(e -> e.payload().get("kind"))
                .containsExactly("params", "disable", "enable", "rollback", "params", "params", "params");
        assertThat(changed).allSatisfy(e -> assertThat(e.payload()).containsEntry("actor", "cli:ann")
                .containsEntry("method", key).containsKey("change_id"));
        String status = Files.readString(dir.resolve(".poet/status.json"));
        assertThat(status).contains(key).contains("\"active_version\" : \"v1\"").contains("\"state\" : \"active\"");
    }

    @Test
    void liveOperationsApplyAtOnce() throws Exception {
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        startOperated(plain("0"));
        assertThat(call()).isEqualTo(3);
        String key = engine.slots().get(0).key();
        awaitCurrent(store, key, "v1");
        LiveOperations ops = new LiveOperations(live, "x.Y[z]", Clock.systemUTC());
        live.reconcile();

        ChangeReceipt r = ops.setParams(key, Map.of("retries", "2"), "http:127.0.0.1");
        assertThat(r.applied()).isTrue();
        assertThat(attempts()).isEqualTo(2);
        assertThat(ops.method(key).state()).isEqualTo("active");
        assertThat(ops.method(key).activeVersion()).isEqualTo("v1");
        assertThat(ops.method(key).live()).isNotNull();
        assertThat(ops.selection()).isEqualTo("x.Y[z]");
    }

    @Test
    void aRestartHonoursTheOperatorsChoices() throws Exception {
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        startOperated(plain("0"));
        assertThat(call()).isEqualTo(3);
        String key = engine.slots().get(0).key();
        awaitCurrent(store, key, "v1");
        startOperated(plain("1"));
        call();
        awaitCurrent(store, key, "v2");
        StoreOperations ops = new StoreOperations(dir.resolve(".poet"), "");
        ops.rollback(key, "v1", "cli:ann");
        ops.setParams(key, Map.of("retries", "4"), "cli:ann");

        startOperated(plain("1"));
        assertThat(call()).as("operator params apply from the first call").isEqualTo(4);
        assertThat(slotVersion()).as("the pinned version, not the newest matching one").isEqualTo("v1");

        ops.setEnabled(key, false, "cli:ann");
        startOperated(plain("1"));
        Downstream app = new Downstream();
        Dispatcher.dispatch(table.content(id), id, Downstream.class, app, new Object[] {"a"});
        engine.discovered(id, Downstream.class);
        long end = System.nanoTime() + 20_000_000_000L;
        while (engine.slots().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(engine.slots().get(0).state()).isEqualTo("disabled");
        assertThat(attempts()).as("a disabled method stays on its original").isEqualTo(-1);
    }

    @Test
    void manualReviewHoldsANewVersionUntilApproved() throws Exception {
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        startOperated(plain("0"));
        pipeline.reviewManually(true);
        Dispatcher.dispatch(table.content(id), id, Downstream.class, new Downstream(), new Object[] {"a"});
        engine.discovered(id, Downstream.class);
        long end = System.nanoTime() + 20_000_000_000L;
        while (engine.slots().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        String key = engine.slots().get(0).key();
        assertThat(attempts()).as("nothing runs before approval").isEqualTo(-1);
        assertThat(store.version(MethodKey.parse(key), "v1").orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.AWAITING_REVIEW);
        assertThat(store.currentName(MethodKey.parse(key))).isEmpty();
        live.reconcile();
        StoreOperations ops = new StoreOperations(dir.resolve(".poet"), "");
        assertThat(ops.method(key).state()).isEqualTo("awaiting_review");
        assertThat(ops.method(key).awaitingReview()).containsExactly("v1");

        ops.approve(key, "v1", "cli:reviewer");
        live.reconcile();
        assertThat(attempts()).isEqualTo(3);
        assertThat(slotVersion()).isEqualTo("v1");
    }

    private static void awaitCurrent(VersionStore store, String key, String version) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!store.currentName(MethodKey.parse(key)).map(version::equals).orElse(false)
                && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(store.currentName(MethodKey.parse(key))).hasValue(version);
    }
}
