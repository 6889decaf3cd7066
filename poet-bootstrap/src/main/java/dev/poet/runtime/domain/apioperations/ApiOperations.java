package dev.poet.runtime.domain.apioperations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.retry.RetryAfterSource;
import dev.poet.runtime.time.Clock;

/**
 * The {@code api_operations} domain's Enforce and error shape, one instance per method.
 *
 * <p>Status normalisation ({@link #normaliseStatus}): {@code success} for HTTP 2xx but 202, and for ok, success,
 * succeeded, done, completed, complete, true, 200...; {@code pending} for 1xx, 202, and pending, queued, accepted,
 * running, processing, in_progress, in-progress, started, waiting; {@code error} for 3xx–5xx and everything else
 * that is recognisably a failure (error, failed, failure, rejected, denied, timeout, false, ...). An unknown
 * status becomes {@code error}; a missing one {@code success} (the call returned normally).
 *
 * <p>{@code error-shape} is read from the method's current parameter snapshot; its default lives in the
 * template's {@code template.properties} (a missing one is a
 * {@link dev.poet.runtime.params.MissingParameterException}).
 */
public final class ApiOperations {

    public static final String STATUS_NORMALISED = "api.status_normalised";
    public static final String ERROR_SHAPED = "api.error_shaped";

    /**
     * Reads a delay from failure messages such as {@code "429 Too Many Requests, Retry-After: 3"} (seconds) or
     * {@code "retry after 250 ms"}; -1 when the message names none.
     */
    public static final RetryAfterSource RETRY_AFTER_FROM_MESSAGE = new RetryAfterSource() {
        @Override
        public long retryAfterMillis(Throwable failure) {
            return retryAfterFromMessage(failure == null ? null : failure.getMessage());
        }
    };

    private static final Pattern RETRY_AFTER = Pattern.compile(
            "(?i)retry[-_ ]?after\\s*[:=]?\\s*(\\d{1,9})\\s*(ms|milliseconds?|s|sec|seconds?)?");

    private final EventEmitter events;
    private final Clock clock;
    private final Derived<Boolean> errorShape;

    public ApiOperations(String methodKey, ParamsRef params, PhaseEventSink sink) {
        this(methodKey, params, sink, Clock.SYSTEM);
    }

    public ApiOperations(String methodKey, ParamsRef params, PhaseEventSink sink, Clock clock) {
        this.events = new EventEmitter(sink, methodKey, clock);
        this.clock = clock;
        this.errorShape = new Derived<Boolean>(params, new Derived.Deriver<Boolean>() {
            @Override
            public Boolean derive(Params p, Boolean previous) {
                return Boolean.valueOf(p.requireBoolean("error-shape"));
            }
        }, events);
    }

    /** Whether a failure becomes {@link #errorResult} ({@code error-shape} of the current parameters). */
    public boolean errorShape() {
        return errorShape.get().booleanValue();
    }

    static long retryAfterFromMessage(String message) {
        if (message == null) {
            return -1;
        }
        Matcher m = RETRY_AFTER.matcher(message);
        if (!m.find()) {
            return -1;
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2);
        return unit != null && unit.toLowerCase(Locale.ROOT).startsWith("m") ? value : value * 1000;
    }

    /** {@code success}, {@code error} or {@code pending} for a raw status; see the class comment. */
    public static String normaliseStatus(Object raw) {
        if (raw == null) {
            return "success";
        }
        if (raw instanceof Boolean) {
            return ((Boolean) raw).booleanValue() ? "success" : "error";
        }
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d{3}")) {
            int code = Integer.parseInt(s);
            if (code == 202 || code < 200) {
                return "pending";
            }
            return code < 300 ? "success" : "error";
        }
        switch (s) {
            case "success": case "ok": case "succeeded": case "successful": case "done": case "completed":
            case "complete": case "true": case "finished":
                return "success";
            case "pending": case "queued": case "accepted": case "running": case "processing": case "in_progress":
            case "in-progress": case "started": case "waiting": case "scheduled":
                return "pending";
            default:
                return "error";
        }
    }

    /**
     * A {@code Map} result as a {@code LinkedHashMap} copy with {@code status} normalised (an event when it
     * changed), {@code execution_id} and {@code timestamp} (ISO-8601, UTC) stamped; other values unchanged.
     */
    public Object enforce(Object result, String executionId) {
        if (!(result instanceof Map)) {
            return result;
        }
        Map<Object, Object> out = new LinkedHashMap<Object, Object>((Map<?, ?>) result);
        Object raw = out.get("status");
        String status = normaliseStatus(raw);
        if (!status.equals(raw)) {
            events.emit(STATUS_NORMALISED, "was", String.valueOf(raw), "now", status, "execution_id", executionId);
        }
        out.put("status", status);
        out.put("execution_id", executionId);
        out.put("timestamp", Instant.ofEpochMilli(clock.currentTimeMillis()).toString());
        return out;
    }

    /**
     * The standard error result that replaces {@code failure} when {@code error-shape=true}: {@code status=error},
     * {@code error_type} (the exception's class name), {@code error_message}, {@code execution_id},
     * {@code timestamp}; with an {@value #ERROR_SHAPED} event.
     */
    public Map<Object, Object> errorResult(Throwable failure, String executionId) {
        Map<Object, Object> out = new LinkedHashMap<Object, Object>();
        out.put("status", "error");
        out.put("error_type", failure.getClass().getName());
        out.put("error_message", failure.getMessage());
        out.put("execution_id", executionId);
        out.put("timestamp", Instant.ofEpochMilli(clock.currentTimeMillis()).toString());
        events.emit(ERROR_SHAPED, "cause", failure.getClass().getName(), "execution_id", executionId);
        return out;
    }
}
