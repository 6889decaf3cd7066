package dev.poet.core.log;

import java.util.List;

/**
 * The parts of the agent whose log level can be set on its own ({@code poet.log.level.<area>}), and which part a
 * logger belongs to. A logger is named after a class ({@code dev.poet.core.store.VersionStore}, relocated in the
 * agent jar as {@code dev.poet.shaded.core.store.VersionStore}) or directly after an area ({@code poet.store}).
 */
public final class LogArea {

    /** Start-up, configuration, class-file transformation. */
    public static final String AGENT = "agent";
    /** Generation, activation, the lifecycle of versions, the exit summary. */
    public static final String ENGINE = "engine";
    /** The bytecode audit of generated code. */
    public static final String AUDIT = "audit";
    /** Compiling generated sources. */
    public static final String COMPILE = "compile";
    /** Verification of versions before activation. */
    public static final String VERIFY = "verify";
    /** The {@code .poet} store. */
    public static final String STORE = "store";
    /** The LLM generator and its HTTP client. */
    public static final String LLM = "llm";
    /** Everything else that logs through SLF4J inside the agent (third-party libraries we ship, e.g. Kafka's). */
    public static final String OTHER = "other";

    /** Every area, in the order the configuration lists them. */
    public static final List<String> ALL = List.of(AGENT, ENGINE, AUDIT, COMPILE, VERIFY, STORE, LLM, OTHER);

    private LogArea() {
    }

    /** The area of a logger named {@code name}; {@link #OTHER} for names outside POET. */
    public static String of(String name) {
        if (name == null) {
            return OTHER;
        }
        if (name.startsWith("poet.")) {
            String area = name.substring("poet.".length());
            return ALL.contains(area) ? area : OTHER;
        }
        String rest = strip(name, "dev.poet.");
        if (rest == null) {
            return OTHER;
        }
        String relocated = strip(rest, "shaded.");
        rest = relocated == null ? rest : relocated;
        if (rest.startsWith("agent.")) {
            return AGENT;
        }
        if (rest.startsWith("llm.")) {
            return LLM;
        }
        String core = strip(rest, "core.");
        if (core == null) {
            return OTHER;
        }
        int dot = core.indexOf('.');
        String pkg = dot < 0 ? core : core.substring(0, dot);
        switch (pkg) {
            case "audit":
                return AUDIT;
            case "compile":
                return COMPILE;
            case "verify":
                return VERIFY;
            case "store":
                return STORE;
            case "config":
                return AGENT;
            default:
                return ENGINE;
        }
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : null;
    }
}
