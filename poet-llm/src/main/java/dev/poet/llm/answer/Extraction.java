package dev.poet.llm.answer;

/**
 * The outcome of {@link AnswerExtractor#extract}: a source to check, or the problem to send back to the model.
 *
 * @param source  the compilation unit; {@code null} when rejected
 * @param problem why the reply was rejected, worded for the model; {@code null} when accepted
 */
public record Extraction(String source, String problem) {

    static Extraction accepted(String source) {
        return new Extraction(source, null);
    }

    static Extraction rejected(String problem) {
        return new Extraction(null, problem);
    }

    public boolean accepted() {
        return source != null;
    }
}
