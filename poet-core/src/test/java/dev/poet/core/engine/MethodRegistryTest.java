package dev.poet.core.engine;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.SlotTable;
import dev.poet.core.model.MethodSpec;

import static org.assertj.core.api.Assertions.assertThat;

class MethodRegistryTest {

    private static MethodSpec spec(String cls, String name, String descriptor) {
        return new MethodSpec(cls, name, descriptor, 1, Map.of());
    }

    @Test
    void sameMethodSameLoaderKeepsItsIdOthersGetNewOnes() throws Exception {
        SlotTable slots = new SlotTable();
        MethodRegistry registry = new MethodRegistry(slots);
        ClassLoader app = getClass().getClassLoader();
        try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
            int a = registry.register(app, spec("a.B", "m", "(I)I"));
            int again = registry.register(app, spec("a.B", "m", "(I)I"));
            int overload = registry.register(app, spec("a.B", "m", "(J)I"));
            int otherLoader = registry.register(other, spec("a.B", "m", "(I)I"));

            assertThat(again).isEqualTo(a);
            assertThat(overload).isNotEqualTo(a);
            assertThat(otherLoader).isNotEqualTo(a).isNotEqualTo(overload);
            assertThat(slots.state(a)).isEqualTo(SlotTable.State.UNDISCOVERED);
            assertThat(slots.content(a)).isSameAs(dev.poet.bridge.Slots.UNDISCOVERED);
            assertThat(registry.classmates(registry.byId(a))).extracting(r -> r.id()).containsExactly(a, overload);
            assertThat(registry.classmates(registry.byId(otherLoader))).extracting(r -> r.id())
                    .containsExactly(otherLoader);
        }
    }

    @Test
    void settingsMergeLetsConfigurationWinAndNonIdempotentMeansOneAttempt() {
        Map<String, Object> params = SettingsMerge.params(Map.of("retries", "3", "backoff-initial-ms", "100"),
                Map.of("retries", "5", "domain", "base"), Map.of("idempotent", "false"));

        assertThat(params).containsEntry("retries", "1").containsEntry("backoff-initial-ms", "100")
                .doesNotContainKey("domain");
        assertThat(SettingsMerge.domain(Map.of("domain", "a"), Map.of("domain", "b"))).isEqualTo("b");
        assertThat(SettingsMerge.domain(Map.of(), Map.of())).isEqualTo("base");
    }

    @Test
    void aDeselectedMethodKeepsItsIdAndIsUndiscoveredAgainWhenRegisteredAnew() {
        SlotTable slots = new SlotTable();
        MethodRegistry registry = new MethodRegistry(slots);
        ClassLoader app = getClass().getClassLoader();
        int m = registry.register(app, spec("a.B", "m", "(I)I"));
        int n = registry.register(app, spec("a.B", "n", "()V"));
        registry.register(app, spec("a.C", "m", "(I)I"));
        slots.discover(m, null);

        assertThat(registry.registeredIn(app, "a.B")).extracting(r -> r.id()).containsExactly(m, n);
        assertThat(registry.registeredIn(app, "a.X")).isEmpty();
        assertThat(registry.registeredIn(new ClassLoader(null) { }, "a.B")).isEmpty();

        assertThat(registry.deselect(m)).isTrue();
        assertThat(slots.state(m)).isEqualTo(SlotTable.State.DESELECTED);
        assertThat(slots.state(n)).isEqualTo(SlotTable.State.UNDISCOVERED);
        assertThat(registry.deselect(m)).isFalse();

        assertThat(registry.register(app, spec("a.B", "m", "(I)I"))).isEqualTo(m);
        assertThat(slots.state(m)).isEqualTo(SlotTable.State.UNDISCOVERED);
        assertThat(registry.size()).isEqualTo(3);
    }
}
