package dev.poet.core.generate;

import java.util.Map;

/**
 * One version of a domain template: what shapes the enhancement of every method in that domain.
 *
 * @param domain      folder name, e.g. {@code base}
 * @param version     {@code version} from {@code template.properties}; part of a stored version's identity
 * @param description one line for humans
 * @param defaults    documented parameters and their defaults ({@code param.<name>} lines), as strings
 * @param prompt      {@code prompt.md}: instructions for the LLM generator; empty when absent
 * @param source      the Mustache source of the enhancement unit ({@code Enhancement.java.mustache})
 * @param origin      where it was read from, for messages
 * @param partials    the text of every partial the source includes ({@code {{> name}}}), directly or through
 *                    another partial, by name; read from the shared partials folder when the template was found
 */
public record Template(String domain, String version, String description, Map<String, String> defaults,
                       String prompt, String source, String origin, Map<String, String> partials) {

    public Template {
        defaults = Map.copyOf(defaults);
        partials = Map.copyOf(partials);
    }

    /** A template that includes no partials. */
    public Template(String domain, String version, String description, Map<String, String> defaults, String prompt,
                    String source, String origin) {
        this(domain, version, description, defaults, prompt, source, origin, Map.of());
    }

    /**
     * The source with every partial it uses, as one text: what decides the generated code, so what a stored
     * version's identity should hash (a partial edited without a version bump must still regenerate).
     */
    public String fullSource() {
        if (partials.isEmpty()) {
            return source;
        }
        StringBuilder all = new StringBuilder(source);
        new java.util.TreeMap<>(partials).forEach((name, text) -> all.append("\n{{! partial ").append(name)
                .append(" }}\n").append(text));
        return all.toString();
    }
}
