package dev.poet.core.config;

/**
 * Validates the values of the typed per-method settings at load time, so {@link MethodSettings}' getters never
 * fail later, in the middle of instrumenting a class.
 */
public final class MethodSettingValues {

    private MethodSettingValues() {
    }

    /** Throws {@link IllegalArgumentException} with the reason when {@code value} is not valid for {@code setting}. */
    public static void check(String setting, String value) {
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
