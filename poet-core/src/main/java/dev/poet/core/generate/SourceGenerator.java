package dev.poet.core.generate;

/**
 * Produces one method's enhancement source other than by rendering its template (an LLM). The pipeline falls
 * back to the template whenever a generator throws or gives up.
 */
public interface SourceGenerator {

    /**
     * A stable description of everything that shapes this generator's answers besides the method itself
     * (provider, model, prompt version): part of a stored version's identity, so a restart with the same
     * generator reuses the stored version without asking again.
     */
    String fingerprint();

    /**
     * How long after a method's failed generation it may be asked again, in milliseconds; the pipeline doubles
     * it per further failure, up to a day.
     */
    default long retryDelayMs() {
        return 60_000;
    }

    /**
     * Generates and checks a source; runs on a generator thread and may take long (bounded by the generator's
     * own time-outs).
     *
     * @throws GenerationFailure with a one-line reason when no acceptable source was produced
     */
    GeneratedSource generate(GenerationRequest request, SourceCheck check) throws GenerationFailure;
}
