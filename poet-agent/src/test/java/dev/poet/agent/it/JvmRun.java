package dev.poet.agent.it;

import java.util.List;
import java.util.stream.Collectors;

/** What a child JVM did: exit code and its two streams. */
public record JvmRun(String description, int exitCode, String stdout, String stderr) {

    /** Lines in which the agent reported an error it suppressed to keep the application running. */
    public List<String> suppressedErrors() {
        return stderr.lines().filter(line -> line.startsWith("[poet] ERROR")).collect(Collectors.toList());
    }

    /** Lines the agent logged (everything on stderr starting with {@code [poet]}). */
    public List<String> agentLines() {
        return stderr.lines().filter(line -> line.startsWith("[poet]")).collect(Collectors.toList());
    }

    /** The summary line of {@code Class.method}, or {@code null}. */
    public String summaryOf(String classAndMethod) {
        return stderr.lines().filter(line -> line.startsWith("[poet]   " + classAndMethod + ":"))
                .findFirst().orElse(null);
    }

    /** A counter from the summary line of {@code Class.method} ({@code calls}, {@code retries}, ...); -1 if absent. */
    public long counter(String classAndMethod, String counter) {
        String line = summaryOf(classAndMethod);
        if (line == null) {
            return -1;
        }
        for (String part : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
            if (part.startsWith(counter + "=")) {
                return Long.parseLong(part.substring(counter.length() + 1));
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return description + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
