package dev.poet.core.events.filter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.EventQuery;

/**
 * Turns the filters of {@code GET /poet/events} and {@code poet-agent.jar events} into an {@link EventQuery}:
 * <ul>
 *   <li>{@code type}: an event type ({@code function.feedback}), a family ({@code version.*}) or {@code *};</li>
 *   <li>{@code method}: a method key or a prefix of one;</li>
 *   <li>{@code since}: an ISO-8601 instant ({@code 2025-01-02T10:00:00Z}), a date (midnight UTC) or a time
 *       relative to now ({@code -30s}, {@code -10m}, {@code -2h}, {@code -1d});</li>
 *   <li>{@code execution}: an execution id;</li>
 *   <li>{@code limit}: the newest this many, at most the reader's maximum.</li>
 * </ul>
 * An unknown filter or a value that cannot be used is refused, naming it: a typo never silently shows everything.
 */
public final class EventFilters {

    public static final String TYPE = "type";
    public static final String METHOD = "method";
    public static final String SINCE = "since";
    public static final String EXECUTION = "execution";
    public static final String LIMIT = "limit";
    public static final Set<String> NAMES = Set.of(TYPE, METHOD, SINCE, EXECUTION, LIMIT);

    private static final Pattern TYPE_PATTERN = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");
    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");

    private final Clock clock;
    private final int defaultLimit;
    private final int maxLimit;

    /**
     * @param defaultLimit the limit when none is given ({@code 0}: none)
     * @param maxLimit     the largest limit accepted ({@code 0}: any)
     */
    public EventFilters(Clock clock, int defaultLimit, int maxLimit) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The query for {@code filters} (filter name to its value; names from {@link #NAMES}). */
    public EventQuery parse(Map<String, String> filters) throws BadFilterException {
        for (String name : filters.keySet()) {
            if (!NAMES.contains(name)) {
                throw new BadFilterException(name, "unknown filter " + name + "; the filters are type, method, since,"
                        + " execution and limit");
            }
        }
        EventQuery q = EventQuery.all().limit(defaultLimit);
        String type = filters.get(TYPE);
        if (type != null) {
            q = q.withType(type(type));
        }
        String method = filters.get(METHOD);
        if (method != null) {
            if (method.isBlank()) {
                throw new BadFilterException(METHOD, "method must be a method key or a prefix of one, was empty");
            }
            q = q.withMethod(method);
        }
        String since = filters.get(SINCE);
        if (since != null) {
            q = q.since(sinceMillis(since));
        }
        String execution = filters.get(EXECUTION);
        if (execution != null) {
            if (!ExecutionIds.wellFormed(execution)) {
                throw new BadFilterException(EXECUTION, "execution must be an execution id (e.g. k3f9q2m7x1ab-1f), was "
                        + quote(execution));
            }
            q = q.withExecution(execution);
        }
        String limit = filters.get(LIMIT);
        if (limit != null) {
            q = q.limit(limit(limit));
        }
        return q;
    }

    private static String type(String value) throws BadFilterException {
        if (value.equals("*")) {
            return null;
        }
        if (!TYPE_PATTERN.matcher(value).matches()) {
            throw new BadFilterException(TYPE, "type must be an event type (function.feedback), a family (version.*)"
                    + " or *, was " + quote(value));
        }
        return value;
    }

    /** {@code value} as epoch milliseconds: an ISO instant, an ISO date, or {@code -<n><s|m|h|d>} before now. */
    public long sinceMillis(String value) throws BadFilterException {
        Matcher m = RELATIVE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Math.max(0, clock.millis() - d.toMillis());
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException notDate) {
                throw new BadFilterException(SINCE, "since must be an ISO-8601 instant (2025-01-02T10:00:00Z), a date"
                        + " (2025-01-02) or a time before now (-30s, -10m, -2h, -1d), was " + quote(value));
            }
        }
    }

    private int limit(String value) throws BadFilterException {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || maxLimit > 0 && n > maxLimit) {
            throw new BadFilterException(LIMIT, "limit must be a whole number from 1"
                    + (maxLimit > 0 ? " to " + maxLimit : "") + ", was " + quote(value));
        }
        return n;
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }
}
