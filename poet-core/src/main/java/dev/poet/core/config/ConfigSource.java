package dev.poet.core.config;

/**
 * Where an effective configuration value came from, highest precedence first. {@link PoetConfig#describe()}
 * shows it next to every value.
 */
public enum ConfigSource {
    /** A JVM system property ({@code -Dpoet.x=...}). */
    SYSTEM_PROPERTY("system property"),
    /**
     * The agent argument string ({@code -javaagent:poet-agent.jar=k=v,...}). Ranked with system properties, just
     * below them: an explicit {@code -D} still wins.
     */
    AGENT_ARGUMENT("agent argument"),
    /** An environment variable ({@code POET_X}). */
    ENVIRONMENT("environment"),
    /** The properties file ({@code poet.config}, else {@code ./agent.properties}). */
    FILE("file"),
    /** The built-in default. */
    DEFAULT("default");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** A lower-case label for listings, e.g. {@code "system property"}. */
    public String label() {
        return label;
    }
}
