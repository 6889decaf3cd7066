package dev.poet.core.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the agent's log lines go and which of them are shown: the one place both {@link PoetLog} and the SLF4J
 * binding write to. Standard error until {@link #configure} names a file, so premain's earliest lines are never
 * lost; never the application's logging.
 *
 * <p>Thresholds are one immutable snapshot swapped as a whole; a line is written with a single {@code println} so
 * lines from several threads never interleave.
 */
public final class LogSink {

    private static volatile PrintStream out = System.err;
    private static volatile PrintStream redirected;
    private static volatile Thresholds thresholds = new Thresholds(PoetLog.Level.INFO, Map.of());

    private LogSink() {
    }

    /**
     * Sets the thresholds and the destination.
     *
     * @param global  the level of areas without their own
     * @param perArea area name to level; areas not named follow {@code global}
     * @param file    the log file, appended to; {@code null} means standard error
     * @return {@code null}, or why the file could not be opened (the log then stays on standard error)
     */
    public static synchronized String configure(PoetLog.Level global, Map<String, PoetLog.Level> perArea,
                                                Path file) {
        thresholds = new Thresholds(global, perArea);
        if (file == null) {
            setOut(System.err);
            return null;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            setOut(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
            return null;
        } catch (IOException | RuntimeException e) {
            setOut(System.err);
            return "poet.log.file " + file + " could not be opened (" + e + "); logging to standard error";
        }
    }

    /** Sets the level of every area at once, as {@code poet.log.level} alone does. */
    static void setGlobal(PoetLog.Level level) {
        thresholds = new Thresholds(level, Map.of());
    }

    /** Whether a line at {@code level} from {@code area} is shown. */
    public static boolean enabled(String area, PoetLog.Level level) {
        return level.ordinal() <= thresholds.of(area).ordinal();
    }

    /** Whether any area shows lines at {@code level}: a cheap test before finding out which area is asking. */
    static boolean anyEnabled(PoetLog.Level level) {
        return level.ordinal() <= thresholds.loosest.ordinal();
    }

    /** Writes {@code [poet] LEVEL message}, and the stack trace of {@code failure} when one is given. */
    public static void write(PoetLog.Level level, String message, Throwable failure) {
        PrintStream stream = stream();
        stream.println("[poet] " + level + " " + message);
        if (failure != null) {
            failure.printStackTrace(stream);
        }
    }

    /** Writes {@code line} verbatim. */
    static void writeLine(String line) {
        stream().println(line);
    }

    /** Sends every line to {@code stream} until called with {@code null}; for tests. */
    static void redirect(PrintStream stream) {
        redirected = stream;
    }

    private static PrintStream stream() {
        PrintStream r = redirected;
        return r != null ? r : out;
    }

    private static void setOut(PrintStream stream) {
        PrintStream old = out;
        out = stream;
        if (old != System.err && old != stream) {
            old.close();
        }
    }

    /** The levels in force. */
    private static final class Thresholds {
        final PoetLog.Level global;
        final Map<String, PoetLog.Level> perArea;
        final PoetLog.Level loosest;

        Thresholds(PoetLog.Level global, Map<String, PoetLog.Level> perArea) {
            this.global = global;
            this.perArea = Collections.unmodifiableMap(new HashMap<>(perArea));
            PoetLog.Level l = global;
            for (PoetLog.Level a : perArea.values()) {
                l = a.ordinal() > l.ordinal() ? a : l;
            }
            this.loosest = l;
        }

        PoetLog.Level of(String area) {
            PoetLog.Level l = perArea.get(area);
            return l != null ? l : global;
        }
    }
}
