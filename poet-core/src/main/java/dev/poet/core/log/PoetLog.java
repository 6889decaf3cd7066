package dev.poet.core.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLogger;

import dev.poet.core.config.LogLevel;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.log.slf4j.PoetLogger;

/**
 * The agent's log, one line per message, prefixed {@code [poet]}: a thin front over the SLF4J API, bound (in the
 * agent jar, relocated under {@code dev.poet.shaded}) to our own small binding, so the application's SLF4J, its
 * binding and its logging configuration are never initialised or touched. Each message is logged under the area of
 * the class that logs it ({@link LogArea}), so {@code poet.log.level.<area>} applies without call sites naming it.
 *
 * <p>Every error the agent swallows to keep the application running goes through {@link #suppressed}, which
 * prints a line starting {@code [poet] ERROR} and counts it, so tests can fail on any suppressed error.
 *
 * <p>If SLF4J is bound to anything but our binding (a class path we do not control, in tests), lines go straight
 * to the same output: a log line of ours is never lost to someone else's configuration.
 */
public final class PoetLog {

    /** Severity, most severe first. */
    public enum Level { ERROR, WARN, INFO, DEBUG }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final AtomicLong SUPPRESSED = new AtomicLong();
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();
    /** Set once SLF4J turned out not to be bound to us, or failed to start: lines then bypass it. */
    private static volatile boolean direct;

    private PoetLog() {
    }

    /** Sets the threshold of every area from {@code poet.log.level}; unknown names change nothing, return false. */
    public static boolean setLevel(String name) {
        Level level = parse(name);
        if (level == null) {
            return false;
        }
        LogSink.setGlobal(level);
        return true;
    }

    /**
     * Applies {@code poet.log.level}, {@code poet.log.level.<area>} and {@code poet.log.file}. Until this runs
     * (premain, configuration loading) the log is on standard error at INFO.
     */
    public static void configure(PoetConfig config) {
        Map<String, Level> perArea = new HashMap<>();
        for (String area : LogArea.ALL) {
            config.logLevel(area).ifPresent(l -> perArea.put(area, of(l)));
        }
        Path file = config.logFile().orElse(null);
        String problem = LogSink.configure(of(config.logLevel()), perArea, file);
        if (problem != null) {
            warn(problem);
        }
    }

    /** Whether a message at {@code level} from the calling class would be shown. */
    public static boolean enabled(Level level) {
        return LogSink.anyEnabled(level) && LogSink.enabled(LogArea.of(callerName()), level);
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
     * level; the stack trace follows when the caller's area is at DEBUG.
     */
    public static void suppressed(String message, Throwable failure) {
        SUPPRESSED.incrementAndGet();
        String line = failure == null ? message : message + ": " + failure;
        String area = LogArea.of(callerName());
        Throwable trace = failure != null && LogSink.enabled(area, Level.DEBUG) ? failure : null;
        emit(area, Level.ERROR, line, trace);
    }

    /**
     * Writes {@code line} as it is, whatever the levels, to the log's output (standard error or
     * {@code poet.log.file}): for the exit summary, whose lines carry no level.
     */
    public static void plain(String line) {
        LogSink.writeLine(line);
    }

    /** How many errors were suppressed in this JVM. */
    public static long suppressedCount() {
        return SUPPRESSED.get();
    }

    /** Redirects output; for tests. {@code null} restores the configured output. */
    public static void redirect(PrintStream stream) {
        LogSink.redirect(stream);
    }

    private static void log(Level level, String message) {
        if (!LogSink.anyEnabled(level)) {
            return;
        }
        String area = LogArea.of(callerName());
        if (LogSink.enabled(area, level)) {
            emit(area, level, message, null);
        }
    }

    private static void emit(String area, Level level, String message, Throwable failure) {
        Logger logger = direct ? null : logger(area);
        if (logger == null) {
            LogSink.write(level, message, failure);
            return;
        }
        switch (level) {
            case ERROR:
                logger.error(message, failure);
                break;
            case WARN:
                logger.warn(message, failure);
                break;
            case INFO:
                logger.info(message, failure);
                break;
            default:
                logger.debug(message, failure);
                break;
        }
    }

    private static Logger logger(String area) {
        Logger cached = LOGGERS.get(area);
        if (cached != null) {
            return cached;
        }
        try {
            Logger l = LoggerFactory.getLogger("poet." + area);
            if (l instanceof PoetLogger) {
                LOGGERS.put(area, l);
                return l;
            }
            // A substitute means SLF4J is still starting (a line logged while it loads its provider): write this
            // line directly and ask again next time. Anything else is another binding, for good.
            if (!(l instanceof SubstituteLogger)) {
                direct = true;
            }
            return null;
        } catch (Throwable t) {
            // SLF4J failed to start (a broken class path): our lines go straight to the output instead.
            direct = true;
            return null;
        }
    }

    /** The first class on the stack that is not part of the log itself. */
    private static String callerName() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != PoetLog.class)
                .findFirst()
                .map(Class::getName)
                .orElse(null));
    }

    private static Level of(LogLevel level) {
        return Level.valueOf(level.name());
    }

    private static Level parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
