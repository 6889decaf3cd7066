package dev.poet.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All per-method entries, answering {@link PoetConfig#settingsFor}. Entries are few, so a linear scan per lookup
 * is cheaper to keep right than an index; lookups happen once per method at class-load time.
 */
final class MethodSettingsTable {

    record Entry(MethodSettingKey key, String value, ConfigSource source, String origin) {
    }

    private final List<Entry> entries;

    MethodSettingsTable(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        // Applied in this order, later entries overwrite earlier: name-only before overload-specific (the more
        // specific wins), and within each, lower-precedence sources first.
        sorted.sort(Comparator.comparing((Entry e) -> e.key().overloadSpecific())
                .thenComparing(e -> -e.source().ordinal()));
        this.entries = List.copyOf(sorted);
    }

    List<Entry> entries() {
        return entries;
    }

    MethodSettings settingsFor(String className, String methodName, List<String> parameterTypeNames) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Entry e : entries) {
            MethodSettingKey k = e.key();
            if (k.className().equals(className) && k.methodName().equals(methodName)
                    && k.matchesParameters(parameterTypeNames)) {
                merged.put(k.setting(), e.value());
            }
        }
        return MethodSettings.of(merged);
    }
}
