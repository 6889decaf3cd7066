package dev.poet.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective settings of one method: the domain template's defaults, overlaid by the {@code @Poet}
 * annotation, overlaid by configuration: configuration wins over the annotation, which wins over the domain's
 * defaults, so an operator can change a method without touching its code, and a developer's annotation can
 * change a domain's defaults without configuration.
 */
final class SettingsMerge {

    static final String DEFAULT_DOMAIN = "base";

    private SettingsMerge() {
    }

    /** The domain: configuration, else annotation, else {@code base}. */
    static String domain(Map<String, String> annotation, Map<String, String> configured) {
        String domain = configured.get("domain");
        if (domain == null || domain.isBlank()) {
            domain = annotation.get("domain");
        }
        return domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain.trim();
    }

    /** Parameter values as strings, later layers winning; {@code domain} itself is not a parameter. */
    static Map<String, Object> params(Map<String, String> templateDefaults, Map<String, String> annotation,
                                      Map<String, String> configured) {
        Map<String, Object> merged = new LinkedHashMap<>(templateDefaults);
        merged.putAll(annotation);
        merged.putAll(configured);
        merged.remove("domain");
        // A method that must not run twice gets exactly one attempt, whatever else says otherwise.
        Object idempotent = merged.get("idempotent");
        if (idempotent != null && "false".equalsIgnoreCase(idempotent.toString().trim())) {
            merged.put("retries", "1");
        }
        return merged;
    }
}
