package dev.poet.core.templates;

import java.util.List;
import java.util.Map;

/**
 * What trying a template on one method gave.
 *
 * @param method           the method it was tried on, as {@code Class.method(descriptor)}
 * @param source           the generated Java source, or {@code null} when rendering failed
 * @param classes          the compiled (audited, not yet loop-budgeted) classes, empty unless compiled
 * @param enhancementClass the binary name of the enhancement class, or {@code null} unless compiled
 * @param problem          why it was refused, or {@code null} when it passed
 * @param notes            what verification said besides its verdict (samples not verified, ...)
 * @param timingsMs        milliseconds per stage that ran
 */
public record TrialResult(String method, String source, Map<String, byte[]> classes, String enhancementClass,
                          TrialProblem problem, List<String> notes, Map<String, Long> timingsMs) {

    public TrialResult {
        classes = Map.copyOf(classes);
        notes = List.copyOf(notes);
        timingsMs = Map.copyOf(timingsMs);
    }

    public boolean passed() {
        return problem == null;
    }

    /** {@code passed} or the problem in one line. */
    public String verdict() {
        return problem == null ? "passed: rendered, compiled, audited and verified" : "refused at " + problem.describe();
    }
}
