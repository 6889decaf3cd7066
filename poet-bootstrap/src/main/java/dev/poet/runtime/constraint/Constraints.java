package dev.poet.runtime.constraint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

import dev.poet.runtime.validate.Rule;

/**
 * Rules with Bean Validation's semantics. As in Bean Validation, every rule but {@code @NotNull}, {@code @NotEmpty}
 * and {@code @NotBlank} accepts {@code null}; numeric rules compare exactly ({@code BigDecimal}), accept
 * {@code Number}s only (other values pass) and treat NaN as a violation. The rule descriptions read like the
 * annotation, e.g. {@code @Min(0)}. None has a repair: in REPAIR mode a violation is reported as
 * {@code unrepaired}.
 */
public final class Constraints {

    private Constraints() {
    }

    public static Rule notNull() {
        return new Rule("@NotNull") {
            @Override
            public boolean accepts(Object value) {
                return value != null;
            }
        };
    }

    /** Not null and, for strings, collections, maps and arrays, not empty. */
    public static Rule notEmpty() {
        return new Rule("@NotEmpty") {
            @Override
            public boolean accepts(Object value) {
                return value != null && sizeOf(value) != 0;
            }
        };
    }

    /** Not null and, for a {@code CharSequence}, at least one non-whitespace character. */
    public static Rule notBlank() {
        return new Rule("@NotBlank") {
            @Override
            public boolean accepts(Object value) {
                if (value == null) {
                    return false;
                }
                if (!(value instanceof CharSequence)) {
                    return true;
                }
                CharSequence s = (CharSequence) value;
                for (int i = 0; i < s.length(); i++) {
                    if (!Character.isWhitespace(s.charAt(i))) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    public static Rule min(long min) {
        return bound("@Min(" + min + ")", BigDecimal.valueOf(min), true, true);
    }

    public static Rule max(long max) {
        return bound("@Max(" + max + ")", BigDecimal.valueOf(max), true, false);
    }

    public static Rule decimalMin(String min, boolean inclusive) {
        return bound("@DecimalMin(" + min + (inclusive ? "" : ", exclusive") + ")", new BigDecimal(min), inclusive,
                true);
    }

    public static Rule decimalMax(String max, boolean inclusive) {
        return bound("@DecimalMax(" + max + (inclusive ? "" : ", exclusive") + ")", new BigDecimal(max), inclusive,
                false);
    }

    public static Rule positive() {
        return bound("@Positive", BigDecimal.ZERO, false, true);
    }

    public static Rule positiveOrZero() {
        return bound("@PositiveOrZero", BigDecimal.ZERO, true, true);
    }

    public static Rule negative() {
        return bound("@Negative", BigDecimal.ZERO, false, false);
    }

    public static Rule negativeOrZero() {
        return bound("@NegativeOrZero", BigDecimal.ZERO, true, false);
    }

    /** Size of a string, collection, map or array in {@code [min, max]}; other values and null pass. */
    public static Rule size(final int min, final int max) {
        return new Rule("@Size(min=" + min + ", max=" + max + ")") {
            @Override
            public boolean accepts(Object value) {
                int n = sizeOf(value);
                return n < 0 || (n >= min && n <= max);
            }
        };
    }

    /** A {@code CharSequence} matching {@code regexp} entirely. */
    public static Rule pattern(String regexp) {
        final Pattern compiled = Pattern.compile(regexp);
        return new Rule("@Pattern(" + regexp + ")") {
            @Override
            public boolean accepts(Object value) {
                return !(value instanceof CharSequence) || compiled.matcher((CharSequence) value).matches();
            }
        };
    }

    private static Rule bound(String description, final BigDecimal limit, final boolean inclusive,
                              final boolean lower) {
        return new Rule(description) {
            @Override
            public boolean accepts(Object value) {
                if (!(value instanceof Number)) {
                    return true;
                }
                int sign = compare((Number) value, limit);
                if (sign == Integer.MIN_VALUE) {
                    return false;
                }
                if (sign == 0) {
                    return inclusive;
                }
                return lower ? sign > 0 : sign < 0;
            }
        };
    }

    /** {@code value} compared with {@code limit}; {@code Integer.MIN_VALUE} for NaN. */
    static int compare(Number value, BigDecimal limit) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).compareTo(limit);
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value).compareTo(limit);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return Integer.MIN_VALUE;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? 1 : -1;
            }
            return new BigDecimal(d).compareTo(limit);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(value.longValue()).compareTo(limit);
        }
        double d = value.doubleValue();
        if (Double.isNaN(d)) {
            return Integer.MIN_VALUE;
        }
        return Double.isInfinite(d) ? (d > 0 ? 1 : -1) : new BigDecimal(d).compareTo(limit);
    }

    /** Length or size of a string, collection, map or array; -1 for anything else. */
    static int sizeOf(Object value) {
        if (value instanceof CharSequence) {
            return ((CharSequence) value).length();
        }
        if (value instanceof java.util.Collection) {
            return ((java.util.Collection<?>) value).size();
        }
        if (value instanceof java.util.Map) {
            return ((java.util.Map<?, ?>) value).size();
        }
        if (value != null && value.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(value);
        }
        return -1;
    }
}
