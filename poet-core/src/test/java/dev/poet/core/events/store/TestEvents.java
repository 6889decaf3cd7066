package dev.poet.core.events.store;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;

/** Realistic events for the store's tests. */
final class TestEvents {

    static final EventFactory FACTORY = new EventFactory(new EventMetadata("0.1.0", "test", "store-test"),
            Clock.systemUTC());

    private TestEvents() {
    }

    static Event execution(String executionId, String method, long timestamp) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("function_name", method.substring(method.indexOf('~') + 1));
        p.put("version", "v1");
        p.put("execution_id", executionId);
        p.put("start_time", timestamp);
        p.put("end_time", timestamp + 3);
        p.put("duration_ms", 3.25);
        p.put("status", "success");
        p.put("attempts", 1);
        return FACTORY.create(EventTypes.FUNCTION_EXECUTION, timestamp, executionId, null, p);
    }

    static Event feedback(String executionId, String method, long timestamp, String label) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (method != null) {
            p.put("method", method);
        }
        p.put("execution_id", executionId);
        p.put("feedback_type", "user");
        p.put("label", label);
        return FACTORY.create(EventTypes.FUNCTION_FEEDBACK, timestamp, executionId, null, p);
    }

    static Event engine(String type, String method, long timestamp) {
        return FACTORY.create(type, timestamp, null, null, Map.of("method", method, "version", "v2"));
    }
}
