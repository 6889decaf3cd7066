package dev.poet.core.events.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every engine event says about the version it concerns.
 *
 * @param method          the method key ({@code class~name~hash})
 * @param functionName    {@code class.method}, for people
 * @param version         the stored version's name ({@code v3}); {@code null} when it is not stored (yet)
 * @param generator       {@code template} or {@code llm}
 * @param model           the model of an LLM generator; {@code null} for templates or when unknown
 * @param provider        the LLM provider; {@code null} for templates or when unknown
 * @param template        the template's domain
 * @param templateVersion the template's version
 */
public record VersionFacts(String method, String functionName, String version, String generator, String model,
                           String provider, String template, String templateVersion) {

    /** The same facts about another version name. */
    public VersionFacts withVersion(String name) {
        return new VersionFacts(method, functionName, name, generator, model, provider, template, templateVersion);
    }

    /** The facts as the first fields of a payload; absent values are left out, but {@code version} is always there. */
    Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method);
        putIfPresent(p, "function_name", functionName);
        p.put("version", version);
        putIfPresent(p, "generator", generator);
        putIfPresent(p, "model", model);
        putIfPresent(p, "provider", provider);
        putIfPresent(p, "template", template);
        putIfPresent(p, "template_version", templateVersion);
        return p;
    }

    static void putIfPresent(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
