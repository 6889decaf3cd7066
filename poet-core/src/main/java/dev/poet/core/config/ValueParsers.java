package dev.poet.core.config;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The parsers behind {@link KnownKeys}; each rejects with a reason a person can act on. */
final class ValueParsers {

    private ValueParsers() {
    }

    static ValueParser<String> string() {
        return (raw, wd) -> raw;
    }

    static ValueParser<Boolean> bool() {
        return (raw, wd) -> parseBoolean(raw);
    }

    static boolean parseBoolean(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean (true or false)");
    }

    static ValueParser<Integer> integer(int min, int max) {
        return (raw, wd) -> {
            int v;
            try {
                v = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range " + min + ".." + max);
            }
            return v;
        };
    }

    static ValueParser<Double> decimal(double min, double max) {
        return (raw, wd) -> {
            double v;
            try {
                v = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
            // NaN fails both comparisons, so it is checked on its own.
            if (Double.isNaN(v) || v < min || v > max) {
                throw new IllegalArgumentException("out of range " + min + ".." + max);
            }
            return v;
        };
    }

    /** {@code <min>,<max>}: two finite numbers, min not above max; as a two-element list. */
    static ValueParser<List<Double>> range() {
        return (raw, wd) -> {
            String[] parts = raw.split(",", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a range <min>,<max>");
            }
            double min;
            double max;
            try {
                min = Double.parseDouble(parts[0].trim());
                max = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a range <min>,<max> of numbers");
            }
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("not a range: min must be finite and not above max");
            }
            return List.of(min, max);
        };
    }

    static ValueParser<Long> longValue(long min) {
        return (raw, wd) -> parseLong(raw, min);
    }

    static long parseLong(String raw, long min) {
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        if (v < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return v;
    }

    static <E extends Enum<E>> ValueParser<E> enumOf(Class<E> type) {
        return (raw, wd) -> {
            String s = raw.toLowerCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("unknown value, expected one of " + String.join("|", names));
        };
    }

    static ValueParser<Path> path() {
        return (raw, wd) -> wd.resolve(raw).normalize();
    }

    /** Folders separated by the platform path separator or by commas. */
    static ValueParser<List<Path>> pathList() {
        return (raw, wd) -> {
            List<Path> out = new ArrayList<>();
            for (String part : raw.split("[,\\Q" + File.pathSeparator + "\\E]")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    out.add(wd.resolve(p).normalize());
                }
            }
            return List.copyOf(out);
        };
    }
}
