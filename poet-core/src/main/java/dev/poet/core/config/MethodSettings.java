package dev.poet.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The configuration of one method: {@code poet.method.<class>.<method>[(<types>)].<key>} entries merged, an
 * overload-specific entry winning over a name-only one. Immutable. Typed values were validated when the
 * configuration was loaded, so the typed getters do not fail; absent means "use the annotation or domain
 * default". Other keys are domain parameters, passed through as strings.
 */
public final class MethodSettings {

    /** Setting {@code domain}: the template domain, e.g. {@code ml_monitoring}. */
    public static final String DOMAIN = "domain";
    /** Setting {@code optimize-for}: the learning objective, e.g. {@code accuracy}; enables Train. */
    public static final String OPTIMIZE_FOR = "optimize-for";
    /** Setting {@code retries}: total attempts including the first, at least 1. */
    public static final String RETRIES = "retries";
    /** Setting {@code timeout-ms}: the enforced deadline in milliseconds, at least 1. */
    public static final String TIMEOUT_MS = "timeout-ms";
    /** Setting {@code idempotent}: {@code false} forbids re-running the body. */
    public static final String IDEMPOTENT = "idempotent";
    /** Setting {@code enabled}: {@code false} leaves this method untouched. */
    public static final String ENABLED = "enabled";

    /** No settings. */
    public static final MethodSettings EMPTY = new MethodSettings(Map.of());

    private final Map<String, String> values;

    private MethodSettings(Map<String, String> values) {
        this.values = values;
    }

    /** Settings holding a copy of {@code values} (setting name to raw string), in iteration order. */
    public static MethodSettings of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new MethodSettings(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** The raw value of any setting, e.g. a domain parameter. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The {@code domain} setting; absent by default. */
    public Optional<String> domain() {
        return get(DOMAIN);
    }

    /** The {@code optimize-for} setting; absent by default (no learning). */
    public Optional<String> optimizeFor() {
        return get(OPTIMIZE_FOR);
    }

    /** The {@code retries} setting (total attempts); absent by default. */
    public OptionalInt retries() {
        String v = values.get(RETRIES);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
    }

    /** The {@code timeout-ms} setting in milliseconds; absent by default. */
    public OptionalLong timeoutMs() {
        String v = values.get(TIMEOUT_MS);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    /** The {@code idempotent} setting; absent by default. */
    public Optional<Boolean> idempotent() {
        return get(IDEMPOTENT).map(ValueParsers::parseBoolean);
    }

    /** The {@code enabled} setting; {@code true} when absent. */
    public boolean enabled() {
        return get(ENABLED).map(ValueParsers::parseBoolean).orElse(true);
    }

    /** Every setting, setting name to raw string. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Whether no setting applies. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
