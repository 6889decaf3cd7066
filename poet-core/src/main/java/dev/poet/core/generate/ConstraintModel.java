package dev.poet.core.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.poet.core.model.GenerationFacts.AnnotationFact;

/**
 * Bean Validation constraints found in the class file, as ready-made Java expressions of
 * {@code dev.poet.runtime.constraint.Constraints} rules for templates: {@code {{#constraints}}{{{expr}}},
 * {{/constraints}}}. Recognised by name in {@code jakarta.validation.constraints} and
 * {@code javax.validation.constraints}: NotNull, NotEmpty, NotBlank, Min, Max, DecimalMin, DecimalMax, Positive,
 * PositiveOrZero, Negative, NegativeOrZero, Size, Pattern. Others (and constraints with groups or payloads beyond
 * the defaults) are checked as written, without groups.
 */
public final class ConstraintModel {

    private static final String RULES = "dev.poet.runtime.constraint.Constraints.";

    /** The Java expression creating the rule, e.g. {@code dev.poet.runtime.constraint.Constraints.min(0L)}. */
    public final String expr;
    /** The annotation's simple name, e.g. {@code Min}. */
    public final String annotation;

    private ConstraintModel(String annotation, String expr) {
        this.annotation = annotation;
        this.expr = expr;
    }

    /** The recognised constraints among {@code annotations}, in declaration order. */
    public static List<ConstraintModel> of(List<AnnotationFact> annotations) {
        List<ConstraintModel> result = new ArrayList<>();
        if (annotations == null) {
            return result;
        }
        for (AnnotationFact a : annotations) {
            String type = a.type();
            String simple;
            if (type.startsWith("jakarta.validation.constraints.")) {
                simple = type.substring("jakarta.validation.constraints.".length());
            } else if (type.startsWith("javax.validation.constraints.")) {
                simple = type.substring("javax.validation.constraints.".length());
            } else {
                continue;
            }
            String expr = expression(simple, a.values());
            if (expr != null) {
                result.add(new ConstraintModel(simple, RULES + expr));
            }
        }
        return List.copyOf(result);
    }

    private static String expression(String simple, Map<String, Object> v) {
        switch (simple) {
            case "NotNull":
                return "notNull()";
            case "NotEmpty":
                return "notEmpty()";
            case "NotBlank":
                return "notBlank()";
            case "Min":
                return v.get("value") instanceof Number ? "min(" + ((Number) v.get("value")).longValue() + "L)" : null;
            case "Max":
                return v.get("value") instanceof Number ? "max(" + ((Number) v.get("value")).longValue() + "L)" : null;
            case "DecimalMin":
            case "DecimalMax":
                if (!(v.get("value") instanceof String) || !isDecimal((String) v.get("value"))) {
                    return null;
                }
                boolean inclusive = !Boolean.FALSE.equals(v.get("inclusive"));
                return (simple.equals("DecimalMin") ? "decimalMin(" : "decimalMax(") + literal((String) v.get("value"))
                        + ", " + inclusive + ")";
            case "Positive":
                return "positive()";
            case "PositiveOrZero":
                return "positiveOrZero()";
            case "Negative":
                return "negative()";
            case "NegativeOrZero":
                return "negativeOrZero()";
            case "Size":
                int min = v.get("min") instanceof Number ? ((Number) v.get("min")).intValue() : 0;
                int max = v.get("max") instanceof Number ? ((Number) v.get("max")).intValue() : Integer.MAX_VALUE;
                return "size(" + min + ", " + max + ")";
            case "Pattern":
                if (!(v.get("regexp") instanceof String)) {
                    return null;
                }
                try {
                    java.util.regex.Pattern.compile((String) v.get("regexp"));
                } catch (RuntimeException e) {
                    return null;
                }
                return "pattern(" + literal((String) v.get("regexp")) + ")";
            default:
                return null;
        }
    }

    private static boolean isDecimal(String s) {
        try {
            new java.math.BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A Java string literal of {@code s}. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
