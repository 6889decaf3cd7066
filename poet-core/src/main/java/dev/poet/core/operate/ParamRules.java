package dev.poet.core.operate;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.poet.core.config.MethodSettingValues;
import dev.poet.core.config.MethodSettings;
import dev.poet.core.operate.OperationException.Kind;

/**
 * What an operator may set as a method's parameter: a key the method's enhancement reads (its stored
 * {@code params.json}) or a typed method setting ({@code retries}, {@code timeout-ms}, {@code idempotent}); the
 * value checked as the configuration checks that setting, and as the kind of the value it replaces (a number for
 * a number, a boolean for a boolean). Settings that shape the version itself are not parameters.
 */
final class ParamRules {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> TYPED = Set.of(MethodSettings.RETRIES, MethodSettings.TIMEOUT_MS,
            MethodSettings.IDEMPOTENT);
    /** These choose or key the version (or its selection), so changing one live would mislabel what runs. */
    private static final Map<String, String> NOT_PARAMS = Map.of(
            MethodSettings.DOMAIN, "the domain chooses the template; change it in the configuration",
            MethodSettings.OPTIMIZE_FOR, "the objective is part of the version; change it in the configuration",
            MethodSettings.ENABLED, "use enable or disable");
    private static final int MAX_VALUE = 1000;

    private ParamRules() {
    }

    /**
     * Checks one entry.
     *
     * @param known the method's current parameters (key to value as text), whose keys are the ones it reads
     */
    static void check(String key, String value, Map<String, Object> known) throws OperationException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new OperationException(Kind.BAD_REQUEST, "invalid parameter name '"
                    + MethodNames.Safe.printable(String.valueOf(key)) + "': letters, digits, _ and -, at most 64");
        }
        String why = NOT_PARAMS.get(key);
        if (why != null) {
            throw new OperationException(Kind.BAD_REQUEST, "'" + key + "' is not a parameter: " + why);
        }
        if (!TYPED.contains(key) && !known.containsKey(key)) {
            Set<String> names = new TreeSet<>(known.keySet());
            names.addAll(TYPED);
            names.removeAll(NOT_PARAMS.keySet());
            throw new OperationException(Kind.BAD_REQUEST, "unknown parameter '" + key + "'; this method's are: "
                    + String.join(", ", names));
        }
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.length() > MAX_VALUE || !MethodNames.Safe.printable(value).equals(value)) {
            throw new OperationException(Kind.BAD_REQUEST, "parameter '" + key + "': value must be printable text of"
                    + " at most " + MAX_VALUE + " characters");
        }
        try {
            MethodSettingValues.check(key, value.trim());
        } catch (IllegalArgumentException e) {
            throw new OperationException(Kind.BAD_REQUEST, "parameter '" + key + "'='"
                    + MethodNames.Safe.printable(value) + "': " + e.getMessage());
        }
        Object before = known.get(key);
        String reason = before == null ? null : sameKind(before.toString().trim(), value.trim());
        if (reason != null) {
            throw new OperationException(Kind.BAD_REQUEST, "parameter '" + key + "'='"
                    + MethodNames.Safe.printable(value) + "': " + reason);
        }
    }

    /** Why {@code value} is not of the kind of {@code before}, or null. */
    private static String sameKind(String before, String value) {
        if (isLong(before)) {
            return isLong(value) ? null : "not an integer (it replaces " + before + ")";
        }
        if (isDouble(before)) {
            return isDouble(value) ? null : "not a number (it replaces " + before + ")";
        }
        if (before.equalsIgnoreCase("true") || before.equalsIgnoreCase("false")) {
            return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : "not a boolean (true or false)";
        }
        return null;
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDouble(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
