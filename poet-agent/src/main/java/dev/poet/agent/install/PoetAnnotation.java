package dev.poet.agent.install;

import java.util.LinkedHashMap;
import java.util.Map;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;

/**
 * Reads {@code @dev.poet.api.Poet} by name from class-file descriptions, so the agent needs no copy of the
 * annotation class (applications bring {@code poet-api} themselves).
 */
final class PoetAnnotation {

    static final String NAME = "dev.poet.api.Poet";
    /** How the annotation's type appears in a class file's constant pool. */
    static final byte[] DESCRIPTOR = "Ldev/poet/api/Poet;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PoetAnnotation() {
    }

    static AnnotationDescription find(AnnotationList annotations) {
        for (AnnotationDescription annotation : annotations) {
            if (annotation.getAnnotationType().getName().equals(NAME)) {
                return annotation;
            }
        }
        return null;
    }

    /**
     * The settings an annotation spells out, keyed as in configuration; values left at their defaults are
     * omitted so domain defaults apply.
     */
    static Map<String, String> settings(AnnotationDescription annotation) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (annotation == null) {
            return settings;
        }
        for (MethodDescription.InDefinedShape element : annotation.getAnnotationType().getDeclaredMethods()) {
            Object value;
            try {
                AnnotationValue<?, ?> raw = annotation.getValue(element);
                value = raw == null ? null : raw.resolve();
            } catch (RuntimeException e) {
                continue;
            }
            if (value == null) {
                continue;
            }
            switch (element.getName()) {
                case "domain":
                    putIfSet(settings, "domain", value.toString());
                    break;
                case "optimizeFor":
                    putIfSet(settings, "optimize-for", value.toString());
                    break;
                case "retries":
                    if (((Number) value).intValue() >= 0) {
                        settings.put("retries", value.toString());
                    }
                    break;
                case "timeoutMs":
                    if (((Number) value).longValue() >= 0) {
                        settings.put("timeout-ms", value.toString());
                    }
                    break;
                case "idempotent":
                    if (Boolean.FALSE.equals(value)) {
                        settings.put("idempotent", "false");
                    }
                    break;
                default:
                    break;
            }
        }
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (!value.isBlank()) {
            settings.put(key, value.trim());
        }
    }

    /** Whether {@code classFile} mentions the annotation at all: a cheap filter before any parsing. */
    static boolean mentionedIn(byte[] classFile) {
        outer:
        for (int i = 0, last = classFile.length - DESCRIPTOR.length; i <= last; i++) {
            for (int j = 0; j < DESCRIPTOR.length; j++) {
                if (classFile[i + j] != DESCRIPTOR[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
