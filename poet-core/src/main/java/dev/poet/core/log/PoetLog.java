package dev.poet.core.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's log: one line per message on standard error, prefixed {@code [poet]}. Deliberately not SLF4J or
 * JUL: the agent must not initialise or reconfigure the application's logging.
 *
 * <p>Every error the agent swallows to keep the application running goes through {@link #suppressed}, which
 * prints a line starting {@code [poet] ERROR} and counts it, so tests can fail on any suppressed error.
 */
public final class PoetLog {

    /** Severity, most severe first. */
    public enum Level { ERROR, WARN, INFO, DEBUG }

    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;
    private static final AtomicLong SUPPRESSED = new AtomicLong();
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private PoetLog() {
    }

    /** Sets the threshold from {@code poet.log.level}; unknown names leave it unchanged and return false. */
    public static boolean setLevel(String name) {
        if (name == null) {
            return false;
        }
        try {
            threshold = Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    /** Logs {@code message} at {@code level} the first time {@code key} is seen, never again. */
    public static void once(Level level, String key, String message) {
        if (ONCE.add(key)) {
            log(level, message);
        }
    }

    /**
     * An error of ours that was caught so the application could go on. Always printed and counted, whatever the
     * level; the stack trace follows at DEBUG.
     */
    public static void suppressed(String message, Throwable failure) {
        SUPPRESSED.incrementAndGet();
        StringBuilder line = new StringBuilder("[poet] ERROR ").append(message);
        if (failure != null) {
            line.append(": ").append(failure);
        }
        PrintStream stream = out;
        stream.println(line);
        if (failure != null && enabled(Level.DEBUG)) {
            failure.printStackTrace(stream);
        }
    }

    /** How many errors were suppressed in this JVM. */
    public static long suppressedCount() {
        return SUPPRESSED.get();
    }

    private static void log(Level level, String message) {
        if (enabled(level)) {
            out.println("[poet] " + level + " " + message);
        }
    }

    /** Redirects output; for tests. */
    public static void redirect(PrintStream stream) {
        out = stream == null ? System.err : stream;
    }
}
