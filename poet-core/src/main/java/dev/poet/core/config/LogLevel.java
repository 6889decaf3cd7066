package dev.poet.core.config;

/** The agent's own log threshold ({@code poet.log.level}; default {@link #INFO}), most severe first. */
public enum LogLevel {
    /** Only failures that disable part of POET. */
    ERROR,
    /** Also problems POET worked around (bad configuration, rejected versions). */
    WARN,
    /** Also lifecycle events (versions activated, summary). */
    INFO,
    /** Everything, for diagnosing POET itself. */
    DEBUG;

    /** Whether a message at {@code level} is shown when this is the threshold. */
    public boolean allows(LogLevel level) {
        return level.ordinal() <= ordinal();
    }
}
