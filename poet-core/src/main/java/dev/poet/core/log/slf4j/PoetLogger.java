package dev.poet.core.log.slf4j;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import dev.poet.core.log.LogArea;
import dev.poet.core.log.LogSink;
import dev.poet.core.log.PoetLog;

/**
 * An SLF4J logger writing {@code [poet] LEVEL message} lines to the agent's {@link LogSink}, at the threshold of
 * its {@link LogArea}. Lines from loggers outside POET (libraries the agent ships) name their logger, since their
 * messages do not say where they come from. TRACE is never shown: our most verbose level is DEBUG.
 */
public final class PoetLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final String area;
    private final boolean foreign;

    PoetLogger(String name) {
        this.name = name;
        this.area = LogArea.of(name);
        this.foreign = !name.startsWith("poet.") && LogArea.OTHER.equals(area);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSink.enabled(area, PoetLog.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSink.enabled(area, PoetLog.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSink.enabled(area, PoetLog.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = arguments == null || arguments.length == 0
                ? messagePattern : MessageFormatter.basicArrayFormat(messagePattern, arguments);
        LogSink.write(map(level), foreign ? name + ": " + message : message, throwable);
    }

    private static PoetLog.Level map(Level level) {
        switch (level) {
            case ERROR:
                return PoetLog.Level.ERROR;
            case WARN:
                return PoetLog.Level.WARN;
            case INFO:
                return PoetLog.Level.INFO;
            default:
                return PoetLog.Level.DEBUG;
        }
    }
}
