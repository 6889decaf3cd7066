package dev.poet.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.ExecutionIds;

class FeedbackParserTest {

    static final String ID = ExecutionIds.format(42);

    private final FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());

    @Test
    void acceptsTheOrchestrationDocumentsDriftExampleAsWritten() throws Exception {
        Feedback f = parser.parse("{\n    \"execution_id\": \"" + ID + "\",\n    \"feedback_type\": \"drift_validation\", \n"
                + "    \"was_real_drift\": false,\n    \"reason\": \"seasonal_pattern\",\n"
                + "    \"business_context\": \"christmas_shopping_spike\"\n}");
        assertThat(f.executionId()).isEqualTo(ID);
        assertThat(f.feedbackType()).isEqualTo("drift_validation");
        assertThat(f.fields()).containsExactly(Map.entry("was_real_drift", false),
                Map.entry("reason", "seasonal_pattern"), Map.entry("business_context", "christmas_shopping_spike"));
    }

    @Test
    void acceptsTheGeneralFormAndKeepsUnknownFieldsAsGiven() throws Exception {
        Feedback f = parser.parse("{\"execution_id\":\"" + ID + "\",\"feedback_type\":\"user\",\"rating\":4.5,"
                + "\"label\":\"good\",\"comments\":\"fast\",\"values\":{\"latency_ok\":true,\"score\":3,\"tier\":\"gold\"},"
                + "\"ticket\":{\"id\":17,\"tags\":[\"a\",\"b\"]}}");
        assertThat(f.fields().get("rating")).isEqualTo(new BigDecimal("4.5"));
        assertThat(f.fields().get("label")).isEqualTo("good");
        assertThat(f.fields().get("values")).isEqualTo(Map.of("latency_ok", true, "score", 3, "tier", "gold"));
        assertThat(f.fields().get("ticket")).isEqualTo(Map.of("id", 17, "tags", List.of("a", "b")));
        assertThat(f.fields().keySet()).containsExactly("rating", "label", "comments", "values", "ticket");
    }

    @Test
    void aKnownFieldOfTheWrongTypeNamesTheFieldAndWhatWasExpected() {
        assertInvalid("\"rating\":\"five\"", "rating", "rating must be a number, was a string");
        assertInvalid("\"was_real_drift\":\"no\"", "was_real_drift", "was_real_drift must be true or false, was a string");
        assertInvalid("\"label\":3", "label", "label must be a string, was a number");
        assertInvalid("\"reason\":null", "reason", "reason must be a string, was null");
        assertInvalid("\"values\":[1]", "values", "values must be an object");
        assertInvalid("\"values\":{\"x\":{\"y\":1}}", "values.x", "values.x must be a number, a string or a boolean, was an object");
        assertInvalid("\"rating\":1e400", "rating", "rating must be a finite number");
        assertInvalid("\"feedback_id\":\"mine\"", "feedback_id", "set by POET");
    }

    @Test
    void executionIdAndTypeAreRequiredAndChecked() {
        assertThatThrownBy(() -> parser.parse("{\"feedback_type\":\"user\"}"))
                .isInstanceOf(InvalidFeedbackException.class).hasMessage("execution_id is missing; expected a string")
                .extracting(e -> ((InvalidFeedbackException) e).field()).isEqualTo("execution_id");
        assertThatThrownBy(() -> parser.parse("{\"execution_id\":42,\"feedback_type\":\"user\"}"))
                .hasMessage("execution_id must be a string, was a number");
        assertThatThrownBy(() -> parser.parse("{\"execution_id\":\"uuid-123\",\"feedback_type\":\"user\"}"))
                .hasMessageStartingWith("execution_id must be an execution id");
        assertThatThrownBy(() -> parser.parse("{\"execution_id\":\"" + ID + "\"}"))
                .hasMessageStartingWith("feedback_type is missing");
        assertThatThrownBy(() -> parser.parse("{\"execution_id\":\"" + ID + "\",\"feedback_type\":\"Drift Validation\"}"))
                .hasMessageStartingWith("feedback_type must be a lower-case word");
    }

    @Test
    void badJsonIsASyntaxError() {
        for (String body : new String[] {"", "{", "[1]", "{\"a\":1} {}", "{\"execution_id\":\"" + ID
                + "\",\"execution_id\":\"" + ID + "\",\"feedback_type\":\"user\"}"}) {
            assertThatThrownBy(() -> parser.parse(body)).as(body).isInstanceOf(InvalidFeedbackException.class)
                    .matches(e -> ((InvalidFeedbackException) e).isSyntax(), "is a syntax error");
        }
    }

    @Test
    void boundsTextValuesAndExtraFields() {
        FeedbackParser small = new FeedbackParser(new FeedbackLimits(5, 1, 1, 10));
        assertThatThrownBy(() -> small.parse(doc("\"label\":\"123456\"")))
                .hasMessage("label is 6 characters long; at most 5 are kept");
        assertThatThrownBy(() -> small.parse(doc("\"values\":{\"a\":1,\"b\":2}")))
                .hasMessage("values has 2 entries; at most 1 are accepted");
        assertThatThrownBy(() -> small.parse(doc("\"x\":1,\"y\":2"))).hasMessageContaining("y is one too many");
        assertThatThrownBy(() -> small.parse(doc("\"x\":\"0123456789\""))).hasMessageStartingWith("x is 12 bytes as JSON");
        assertThatThrownBy(() -> parser.parse(doc("\"bad name\":1"))).hasMessageContaining("field name \"bad name\"");
    }

    @Test
    void facadeFieldsFollowTheSameRules() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("rating", 3);
        fields.put("values", Map.of("ok", true));
        fields.put("tags", new String[] {"a"});
        Feedback f = parser.of(ID, "user", fields);
        assertThat(f.fields()).containsEntry("rating", 3).containsEntry("values", Map.of("ok", true))
                .containsEntry("tags", List.of("a"));
        assertThatThrownBy(() -> parser.of(ID, "user", Map.of("rating", "high")))
                .hasMessage("rating must be a number, was a string");
        assertThatThrownBy(() -> parser.of(ID, "user", Map.of("thing", new Object())))
                .hasMessageStartingWith("thing is a java.lang.Object");
        assertThatThrownBy(() -> parser.of(null, "user", Map.of())).hasMessageStartingWith("execution_id must be a string, was null");
    }

    private void assertInvalid(String field, String name, String message) {
        assertThatThrownBy(() -> parser.parse(doc(field))).as(field).isInstanceOf(InvalidFeedbackException.class)
                .hasMessageContaining(message)
                .matches(e -> name.equals(((InvalidFeedbackException) e).field()), "names " + name)
                .matches(e -> !((InvalidFeedbackException) e).isSyntax(), "is not a syntax error");
    }

    private static String doc(String fields) {
        return "{\"execution_id\":\"" + ID + "\",\"feedback_type\":\"user\"," + fields + "}";
    }
}
