package dev.poet.core.feedback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.poet.bridge.ExecutionIds;

/**
 * Reads feedback from JSON (HTTP) or from the facade's map, with one set of rules: the orchestration document's
 * drift example ({@code execution_id}, {@code feedback_type}, {@code was_real_drift}, {@code reason},
 * {@code business_context}) and the general form ({@code rating}, {@code label}, {@code comments}, {@code values})
 * are both accepted. A known field of the wrong type is refused, naming the field and what it must be; fields POET
 * does not know are kept as given, within {@link FeedbackLimits}. Thread-safe.
 */
public final class FeedbackParser {

    public static final String EXECUTION_ID = "execution_id";
    public static final String FEEDBACK_TYPE = "feedback_type";
    public static final String RATING = "rating";
    public static final String LABEL = "label";
    public static final String COMMENTS = "comments";
    public static final String VALUES = "values";
    public static final String WAS_REAL_DRIFT = "was_real_drift";
    public static final String REASON = "reason";
    public static final String BUSINESS_CONTEXT = "business_context";

    /** Fields POET adds when it stores feedback; a submission may not set them. */
    public static final Set<String> RESERVED = Set.of("feedback_id", "method", "actor", "received_at");

    private static final Set<String> TEXT = Set.of(LABEL, COMMENTS, REASON, BUSINESS_CONTEXT);
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0," + (FeedbackLimits.MAX_NAME_CHARS - 1) + "}");

    // Duplicate keys are ambiguous (which execution_id counts?), so they are refused rather than last-one-wins.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final FeedbackLimits limits;

    public FeedbackParser(FeedbackLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Feedback from a JSON body (UTF-8). */
    public Feedback parse(byte[] json) throws InvalidFeedbackException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw InvalidFeedbackException.syntax("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw InvalidFeedbackException.syntax("the body could not be read as JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw InvalidFeedbackException.syntax("the body is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw InvalidFeedbackException.syntax("the body must be a JSON object, was " + kind(root));
        }
        return validate((ObjectNode) root);
    }

    /** Feedback from the facade: {@code fields} hold JSON-like values (null, Boolean, Number, String, Map, List, arrays). */
    public Feedback of(String executionId, String feedbackType, Map<String, ?> fields) throws InvalidFeedbackException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(EXECUTION_ID, executionId == null ? null : root.textNode(executionId));
        root.set(FEEDBACK_TYPE, feedbackType == null ? null : root.textNode(feedbackType));
        if (fields != null) {
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (name.equals(EXECUTION_ID) || name.equals(FEEDBACK_TYPE)) {
                    throw InvalidFeedbackException.field(name, name + " is given as its own argument; leave it out of the fields");
                }
                root.set(name, node(name, e.getValue(), 0));
            }
        }
        return validate(root);
    }

    private Feedback validate(ObjectNode root) throws InvalidFeedbackException {
        String executionId = requiredText(root, EXECUTION_ID, "a string");
        if (!ExecutionIds.wellFormed(executionId)) {
            throw InvalidFeedbackException.field(EXECUTION_ID, EXECUTION_ID
                    + " must be an execution id as POET reports it (12 characters, '-', a counter, e.g. k3f9q2m7x1ab-1f), was "
                    + quote(executionId));
        }
        String type = requiredText(root, FEEDBACK_TYPE, "a lower-case word such as user or drift_validation");
        if (!TYPE.matcher(type).matches()) {
            throw InvalidFeedbackException.field(FEEDBACK_TYPE, FEEDBACK_TYPE
                    + " must be a lower-case word of letters, digits and '_' (performance, error, user, system or a domain's"
                    + " type such as drift_validation), was " + quote(type));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        int extra = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (name.equals(EXECUTION_ID) || name.equals(FEEDBACK_TYPE)) {
                continue;
            }
            if (RESERVED.contains(name)) {
                throw InvalidFeedbackException.field(name, name + " is set by POET when it stores feedback; leave it out");
            }
            if (name.equals(RATING)) {
                fields.put(name, rating(value));
            } else if (TEXT.contains(name)) {
                fields.put(name, text(name, value));
            } else if (name.equals(WAS_REAL_DRIFT)) {
                if (value == null || !value.isBoolean()) {
                    throw wrongType(name, "true or false", value);
                }
                fields.put(name, value.booleanValue());
            } else if (name.equals(VALUES)) {
                fields.put(name, values(value));
            } else {
                if (++extra > limits.maxExtraFields()) {
                    throw InvalidFeedbackException.field(name, "more than " + limits.maxExtraFields()
                            + " fields POET does not know; " + name + " is one too many");
                }
                fields.put(checkedName(name), extraValue(name, value));
            }
        }
        return new Feedback(executionId, type, fields);
    }

    private static String requiredText(ObjectNode root, String name, String expected) throws InvalidFeedbackException {
        JsonNode v = root.get(name);
        if (v == null) {
            throw InvalidFeedbackException.field(name, name + " is missing; expected " + expected);
        }
        if (!v.isTextual()) {
            throw wrongType(name, expected, v);
        }
        return v.textValue();
    }

    private static Number rating(JsonNode v) throws InvalidFeedbackException {
        if (v == null || !v.isNumber()) {
            throw wrongType(RATING, "a number", v);
        }
        if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
            throw InvalidFeedbackException.field(RATING, RATING + " must be a finite number, was " + v.asText());
        }
        return v.numberValue();
    }

    private String text(String name, JsonNode v) throws InvalidFeedbackException {
        if (v == null || !v.isTextual()) {
            throw wrongType(name, "a string", v);
        }
        String s = v.textValue();
        if (s.length() > limits.maxTextChars()) {
            throw InvalidFeedbackException.field(name, name + " is " + s.length() + " characters long; at most "
                    + limits.maxTextChars() + " are kept");
        }
        return s;
    }

    private Map<String, Object> values(JsonNode v) throws InvalidFeedbackException {
        if (v == null || !v.isObject()) {
            throw wrongType(VALUES, "an object of names to numbers, strings or booleans", v);
        }
        if (v.size() > limits.maxValues()) {
            throw InvalidFeedbackException.field(VALUES, VALUES + " has " + v.size() + " entries; at most "
                    + limits.maxValues() + " are accepted");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = VALUES + "." + e.getKey();
            if (e.getKey().isEmpty() || e.getKey().length() > FeedbackLimits.MAX_NAME_CHARS) {
                throw InvalidFeedbackException.field(name, "names in " + VALUES + " must be 1 to "
                        + FeedbackLimits.MAX_NAME_CHARS + " characters");
            }
            JsonNode value = e.getValue();
            if (value.isTextual()) {
                out.put(e.getKey(), text(name, value));
            } else if (value.isNumber()) {
                if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                    throw InvalidFeedbackException.field(name, name + " must be a finite number, was " + value.asText());
                }
                out.put(e.getKey(), value.numberValue());
            } else if (value.isBoolean()) {
                out.put(e.getKey(), value.booleanValue());
            } else {
                throw wrongType(name, "a number, a string or a boolean", value);
            }
        }
        return out;
    }

    private Object extraValue(String name, JsonNode v) throws InvalidFeedbackException {
        byte[] encoded;
        try {
            encoded = MAPPER.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw InvalidFeedbackException.field(name, name + " cannot be stored: " + e.getOriginalMessage());
        }
        if (encoded.length > limits.maxExtraFieldBytes()) {
            throw InvalidFeedbackException.field(name, name + " is " + encoded.length + " bytes as JSON; at most "
                    + limits.maxExtraFieldBytes() + " are kept per field");
        }
        return MAPPER.convertValue(v, Object.class);
    }

    private static String checkedName(String name) throws InvalidFeedbackException {
        if (!NAME.matcher(name).matches()) {
            throw InvalidFeedbackException.field(name, "field name " + quote(name) + " must be 1 to "
                    + FeedbackLimits.MAX_NAME_CHARS + " letters, digits, '_', '.' or '-', starting with a letter or '_'");
        }
        return name;
    }

    /** The facade's value as a JSON node; anything but JSON-like values is refused rather than guessed at. */
    private JsonNode node(String name, Object value, int depth) throws InvalidFeedbackException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (depth > 16) {
            throw InvalidFeedbackException.field(name, name + " is nested more than 16 levels deep");
        }
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return f.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Float fl) {
            return f.numberNode(fl);
        }
        if (value instanceof java.math.BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof java.math.BigInteger i) {
            return f.numberNode(i);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set(String.valueOf(e.getKey()), node(name, e.getValue(), depth + 1));
            }
            return o;
        }
        if (value instanceof Iterable<?> list) {
            com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
            for (Object o : list) {
                a.add(node(name, o, depth + 1));
            }
            return a;
        }
        if (value.getClass().isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
            int n = java.lang.reflect.Array.getLength(value);
            for (int i = 0; i < n; i++) {
                a.add(node(name, java.lang.reflect.Array.get(value, i), depth + 1));
            }
            return a;
        }
        throw InvalidFeedbackException.field(name, name + " is a " + value.getClass().getName()
                + "; feedback fields must be strings, numbers, booleans, lists or maps of those");
    }

    private static InvalidFeedbackException wrongType(String name, String expected, JsonNode v) {
        return InvalidFeedbackException.field(name, name + " must be " + expected + ", was " + kind(v));
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "\"" + shown + "\"";
    }

    /** For tests and callers that have text. */
    public Feedback parse(String json) throws InvalidFeedbackException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
