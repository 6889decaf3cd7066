package dev.poet.core.config;

import static dev.poet.core.config.ConfigKeys.*;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.poet.core.log.LogArea;
import dev.poet.core.train.learned.ParamBounds;

/** The registry of scalar keys, in the order {@link PoetConfig#describe()} lists them. */
final class KnownKeys {

    static final Map<String, KeySpec> ALL;

    static {
        Map<String, KeySpec> m = new LinkedHashMap<>();
        add(m, CONFIG, ValueParsers.path(), none());
        add(m, ENABLED, ValueParsers.bool(), fixed(true));
        add(m, HOME, ValueParsers.path(), (wd, main) -> wd.resolve(".poet").normalize());
        add(m, METHODS_INCLUDE, (raw, wd) -> IncludeParser.parse(raw), fixed(List.of()));
        add(m, GENERATOR, ValueParsers.enumOf(GeneratorKind.class), fixed(GeneratorKind.TEMPLATE));
        add(m, ACTIVATION, ValueParsers.enumOf(ActivationMode.class), fixed(ActivationMode.ASYNC));
        add(m, ACTIVATION_TIMEOUT_MS, ValueParsers.longValue(0), fixed(5000L));
        add(m, TEMPLATES_DIR, ValueParsers.path(), none());
        add(m, LLM_PROVIDER, ValueParsers.enumOf(LlmProvider.class), none());
        add(m, LLM_BASE_URL, ValueParsers.string(), none());
        add(m, LLM_MODEL, ValueParsers.string(), none());
        m.put(LLM_API_KEY, new KeySpec(LLM_API_KEY, ValueParsers.string(), none(), true));
        add(m, LLM_TIMEOUT_MS, ValueParsers.longValue(1), fixed(60_000L));
        add(m, LLM_TOTAL_TIMEOUT_MS, ValueParsers.longValue(1), fixed(180_000L));
        add(m, LLM_MAX_TOKENS, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(4096));
        add(m, LLM_TEMPERATURE, ValueParsers.decimal(0.0, 2.0), fixed(0.0));
        add(m, LLM_MAX_CONCURRENT, ValueParsers.integer(1, 1024), fixed(2));
        add(m, LLM_RATE_LIMIT_PER_MINUTE, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(100));
        add(m, LLM_REPAIR_TURNS, ValueParsers.integer(0, 20), fixed(2));
        add(m, LLM_MAX_ANSWER_CHARS, ValueParsers.integer(1000, Integer.MAX_VALUE), fixed(200_000));
        add(m, LLM_RETRY_DELAY_MS, ValueParsers.longValue(0), fixed(60_000L));
        add(m, SOURCE_PATH, ValueParsers.pathList(), fixed(List.<Path>of()));
        add(m, HTTP_PORT, ValueParsers.integer(0, 65535), none());
        add(m, HTTP_HOST, ValueParsers.string(), fixed("127.0.0.1"));
        m.put(HTTP_TOKEN, new KeySpec(HTTP_TOKEN, ValueParsers.string(), none(), true));
        add(m, HTTP_PUBLIC_URL, ValueParsers.string(), none());
        add(m, HTTP_MAX_BODY_BYTES, ValueParsers.integer(1024, Integer.MAX_VALUE), fixed(65_536));
        add(m, HTTP_RATE_LIMIT_PER_SECOND, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(50));
        add(m, EVENTS_SAMPLE_RATE, ValueParsers.decimal(0.0, 1.0), fixed(0.01));
        add(m, EVENTS_BATCH_MS, ValueParsers.longValue(1), fixed(200L));
        add(m, EVENTS_BUFFER_SIZE, ValueParsers.integer(1024, 4_194_304), fixed(65_536));
        add(m, EVENTS_RETENTION_DAYS, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(30));
        add(m, EVENTS_MAX_BYTES, ValueParsers.longValue(16L << 20), fixed(1L << 30));
        add(m, RECORD_INPUTS, ValueParsers.bool(), fixed(true));
        m.put(RECORD_KEY, new KeySpec(RECORD_KEY, ValueParsers.string(), none(), true));
        add(m, RECORD_MAX_PER_METHOD, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(500));
        add(m, RECORD_MAX_BYTES_PER_METHOD, ValueParsers.longValue(1024), fixed(4L << 20));
        add(m, FLEET, ValueParsers.enumOf(Fleet.class), fixed(Fleet.LOCAL));
        add(m, LOG_LEVEL, ValueParsers.enumOf(LogLevel.class), fixed(LogLevel.INFO));
        for (String area : LogArea.ALL) {
            add(m, LOG_LEVEL_AREA_PREFIX + area, ValueParsers.enumOf(LogLevel.class), none());
        }
        add(m, LOG_FILE, ValueParsers.path(), none());
        add(m, SERVICE_NAME, ValueParsers.string(), (wd, main) -> main);
        add(m, ENVIRONMENT, ValueParsers.string(), fixed("default"));
        add(m, SUMMARY, ValueParsers.bool(), fixed(true));
        add(m, QUARANTINE_FAILURES, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(5));
        add(m, OPERATE_POLL_MS, ValueParsers.longValue(50), fixed(1000L));
        add(m, REVIEW, ValueParsers.enumOf(ReviewMode.class), fixed(ReviewMode.AUTO));
        add(m, VERSIONS_MAX, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(10));
        add(m, TRAIN_INTERVAL_MS, ValueParsers.longValue(1000), fixed(3_600_000L));
        add(m, TRAIN_MIN_EVIDENCE, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(20));
        add(m, TRAIN_MIN_REPLAY, ValueParsers.integer(1, Integer.MAX_VALUE), fixed(20));
        add(m, TRAIN_WATCH_WINDOW_MS, ValueParsers.longValue(1), none());
        add(m, TRAIN_IMPACT_WINDOW_MS, ValueParsers.longValue(1), fixed(604_800_000L));
        add(m, TRAIN_RULE_FALSE_POSITIVE_RATE, ValueParsers.decimal(0.0, 1.0), fixed(0.3));
        add(m, TRAIN_RULE_MISSED_DETECTION_RATE, ValueParsers.decimal(0.0, 1.0), fixed(0.1));
        add(m, TRAIN_RULE_COST_EFFICIENCY, ValueParsers.decimal(0.0, 1.0), fixed(0.5));
        add(m, TRAIN_RULE_ALERT_FATIGUE, ValueParsers.decimal(0.0, 1.0), fixed(0.7));
        add(m, TRAIN_RULE_DEGRADATION, ValueParsers.decimal(0.0, 10.0), fixed(0.05));
        for (String param : ParamBounds.DEFAULTS.keySet()) {
            add(m, TRAIN_BOUND_PREFIX + param, ValueParsers.range(), none());
        }
        ALL = Collections.unmodifiableMap(m);
    }

    private KnownKeys() {
    }

    private static void add(Map<String, KeySpec> m, String name, ValueParser<?> parser,
                            BiFunction<Path, String, Object> def) {
        m.put(name, new KeySpec(name, parser, def, false));
    }

    private static BiFunction<Path, String, Object> fixed(Object value) {
        return (wd, main) -> value;
    }

    private static BiFunction<Path, String, Object> none() {
        return (wd, main) -> null;
    }
}
