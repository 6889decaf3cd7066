package dev.poet.core.templates;

/**
 * Why a template version or a generated enhancement was refused.
 *
 * @param stage  {@code files}, {@code render}, {@code compile}, {@code audit}, {@code load} or {@code verify}
 * @param file   the template file the problem is in ({@code Enhancement.java.mustache}, a partial, ...), or
 *               {@code null} when it is not in one file
 * @param line   the line in {@code file} (1-based), or 0 when unknown
 * @param reason what was wrong, in words; for compile errors it names the generated line too
 */
public record TrialProblem(String stage, String file, int line, String reason) {

    /** One line: {@code compile: Enhancement.java.mustache line 12: ...}. */
    public String describe() {
        StringBuilder s = new StringBuilder(stage).append(": ");
        if (file != null) {
            s.append(file);
            if (line > 0) {
                s.append(" line ").append(line);
            }
            s.append(": ");
        }
        return s.append(reason).toString();
    }
}
