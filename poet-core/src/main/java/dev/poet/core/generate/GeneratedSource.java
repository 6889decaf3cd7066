package dev.poet.core.generate;

import java.util.Map;

/**
 * A source that passed the {@link SourceCheck}, with where it came from.
 *
 * @param source     the Java compilation unit
 * @param classes    its checked class files (audited form), binary name to bytes
 * @param provenance what produced it, for {@code metadata.json}: {@code generator}, {@code provider},
 *                   {@code model}, {@code prompt-hash}, {@code attempts}
 */
public record GeneratedSource(String source, Map<String, byte[]> classes, Map<String, String> provenance) {

    public GeneratedSource {
        classes = Map.copyOf(classes);
        provenance = Map.copyOf(provenance);
    }
}
