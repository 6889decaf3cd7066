package dev.poet.core.config;

/**
 * Validates the values of the typed per-method settings at load time, so {@link MethodSettings}' getters never
 * fail later, in the middle of instrumenting a class.
 */
final class MethodSettingValues {

    private MethodSettingValues() {
    }

    static void check(String setting, String value) {
        switch (setting) {
            case MethodSettings.RETRIES -> ValueParsers.integer(1, Integer.MAX_VALUE).parse(value, null);
            case MethodSettings.TIMEOUT_MS -> ValueParsers.parseLong(value, 1);
            case MethodSettings.IDEMPOTENT, MethodSettings.ENABLED -> ValueParsers.parseBoolean(value);
            case MethodSettings.DOMAIN -> {
                if (!Identifiers.isIdentifier(value)) {
                    throw new IllegalArgumentException("not a domain name");
                }
            }
            default -> {
                // optimize-for and domain parameters: any string; the domain template judges them.
            }
        }
    }
}
