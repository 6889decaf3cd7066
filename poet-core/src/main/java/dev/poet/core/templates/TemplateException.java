package dev.poet.core.templates;

/**
 * A template operation that was refused. {@link #kind()} says how a caller should answer it: {@code bad_request}
 * (a malformed name or request), {@code not_found} (no such domain or version), {@code refused} (the submitted
 * version did not pass its trial; {@link #problem()} says where), {@code io} (the files could not be read or
 * written).
 */
public final class TemplateException extends Exception {

    private final String kind;
    private final transient TrialProblem problem;

    public TemplateException(String kind, String message) {
        this(kind, message, null);
    }

    public TemplateException(String kind, String message, TrialProblem problem) {
        super(message);
        this.kind = kind;
        this.problem = problem;
    }

    public String kind() {
        return kind;
    }

    /** Where a refused version failed, or {@code null}. */
    public TrialProblem problem() {
        return problem;
    }
}
