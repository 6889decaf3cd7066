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
 */
public record Template(String domain, String version, String description, Map<String, String> defaults,
                       String prompt, String source, String origin) {

    public Template {
        defaults = Map.copyOf(defaults);
    }
}
