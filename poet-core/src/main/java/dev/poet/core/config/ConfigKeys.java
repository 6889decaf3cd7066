package dev.poet.core.config;

import java.util.Locale;

/**
 * The names of POET's configuration keys, with their defaults. Every key can be set, highest precedence first, as
 * a system property, an agent argument, an environment variable (see {@link #envName(String)}), a line of the
 * properties file, or left at its built-in default.
 */
public final class ConfigKeys {

    /** Prefix shared by every POET key. */
    public static final String PREFIX = "poet.";

    /** The properties file to read. Default: {@code ./agent.properties} when it exists, else none. */
    public static final String CONFIG = "poet.config";
    /** Master switch; {@code false} leaves the application untouched. Default {@code true}. */
    public static final String ENABLED = "poet.enabled";
    /** State directory, resolved against the working directory. Default {@code ./.poet}. */
    public static final String HOME = "poet.home";
    /**
     * Methods to enhance without code change: {@code pkg.Cls[m1,m2];pkg.Other[*];pkg.Outer$Inner[run]}.
     * Default: empty (only {@code @Poet} methods).
     */
    public static final String METHODS_INCLUDE = "poet.methods.include";
    /** {@code template} or {@code llm}. Default {@code template}. */
    public static final String GENERATOR = "poet.generator";
    /** {@code async} or {@code eager}. Default {@code async}. */
    public static final String ACTIVATION = "poet.activation";
    /** How long an eager first call waits for its enhancement, in milliseconds. Default 5000. */
    public static final String ACTIVATION_TIMEOUT_MS = "poet.activation.timeout-ms";
    /** Extra/override template folder, resolved against the working directory. Default: none. */
    public static final String TEMPLATES_DIR = "poet.templates.dir";
    /** {@code openai}, {@code anthropic} or {@code ollama}. Default: none. */
    public static final String LLM_PROVIDER = "poet.llm.provider";
    /** Provider endpoint. Default: the provider's own. */
    public static final String LLM_BASE_URL = "poet.llm.base-url";
    /** Model name. Default: the provider's own. */
    public static final String LLM_MODEL = "poet.llm.model";
    /** API key (also {@code POET_LLM_API_KEY}); never printed. Default: none. */
    public static final String LLM_API_KEY = "poet.llm.api-key";
    /** Time-out of one LLM HTTP request, in milliseconds, at least 1. Default 60000. */
    public static final String LLM_TIMEOUT_MS = "poet.llm.timeout-ms";
    /**
     * Time-out of one whole generation (HTTP retries, repair turns and waiting for a slot included), in
     * milliseconds, at least 1. Default 180000.
     */
    public static final String LLM_TOTAL_TIMEOUT_MS = "poet.llm.total-timeout-ms";
    /** Upper bound of the tokens of one answer, at least 1. Default 4096. */
    public static final String LLM_MAX_TOKENS = "poet.llm.max-tokens";
    /** Sampling temperature, 0.0-2.0. Default 0.0 (as repeatable as the model allows). */
    public static final String LLM_TEMPERATURE = "poet.llm.temperature";
    /** Generations that may talk to the LLM at once, at least 1. Default 2. */
    public static final String LLM_MAX_CONCURRENT = "poet.llm.max-concurrent";
    /** HTTP requests to the LLM per minute (retries included), at least 1. Default 100. */
    public static final String LLM_RATE_LIMIT_PER_MINUTE = "poet.llm.rate-limit-per-minute";
    /** Repair turns after a rejected answer (its reason is sent back), at least 0. Default 2. */
    public static final String LLM_REPAIR_TURNS = "poet.llm.repair-turns";
    /** Longest answer accepted, in characters, at least 1000; a longer one is rejected. Default 200000. */
    public static final String LLM_MAX_ANSWER_CHARS = "poet.llm.max-answer-chars";
    /**
     * After a method's LLM generation failed, how long before it is asked again, in milliseconds, at least 0; the
     * delay doubles with each further failure, up to a day, and holds across restarts. Default 60000.
     */
    public static final String LLM_RETRY_DELAY_MS = "poet.llm.retry-delay-ms";
    /**
     * Folders holding the application's {@code .java} sources, separated by the platform path separator or by
     * commas, resolved against the working directory. Default: none.
     */
    public static final String SOURCE_PATH = "poet.source.path";
    /** Port of the embedded HTTP server, 0-65535 (0 = any free port). Default: off. */
    public static final String HTTP_PORT = "poet.http.port";
    /** Bind address of the HTTP server. Default {@code 127.0.0.1}. */
    public static final String HTTP_HOST = "poet.http.host";
    /** Bearer token for mutating HTTP calls; never printed. Default: none (mutations refused). */
    public static final String HTTP_TOKEN = "poet.http.token";
    /** The address people reach the HTTP server at, for links. Default: {@code http://<host>:<port>}. */
    public static final String HTTP_PUBLIC_URL = "poet.http.public-url";
    /** Largest request body the HTTP server reads, in bytes, at least 1024; a larger one is refused (413). Default 65536. */
    public static final String HTTP_MAX_BODY_BYTES = "poet.http.max-body-bytes";
    /** Requests one client address may make per second, at least 1; more are refused (429). Default 50. */
    public static final String HTTP_RATE_LIMIT_PER_SECOND = "poet.http.rate-limit-per-second";
    /**
     * Share of ordinary executions (succeeded at the first attempt, nothing repaired or rejected, optimizeFor
     * off) written as individual {@code function.execution} events, 0.0-1.0; aggregates count every call.
     * Default 0.01.
     */
    public static final String EVENTS_SAMPLE_RATE = "poet.events.sample-rate";
    /**
     * How often buffered execution events are written and synced to disk, in milliseconds, at least 1: a crash
     * loses at most this window of execution events. Default 200.
     */
    public static final String EVENTS_BATCH_MS = "poet.events.batch-ms";
    /**
     * Executions the in-memory buffer holds between writes, 1024-4194304 (rounded up to a power of two); when it is
     * full, executions are dropped and counted ({@code events.dropped}), never waited for. Default 65536.
     */
    public static final String EVENTS_BUFFER_SIZE = "poet.events.buffer-size";
    /** Days events are kept, at least 1; older segments are removed. Default 30. */
    public static final String EVENTS_RETENTION_DAYS = "poet.events.retention-days";
    /** Upper bound of the event store on disk, in bytes, at least 16777216; the oldest segments go first. Default 1073741824. */
    public static final String EVENTS_MAX_BYTES = "poet.events.max-bytes";
    /**
     * Whether methods with {@code optimize-for} keep copies of the arguments and result of recent executions for
     * replay (the application's data, under {@code poet.home/events}). Default {@code true}.
     */
    public static final String RECORD_INPUTS = "poet.record.inputs";
    /**
     * Key that encrypts recorded inputs at rest (AES-GCM): 16, 24 or 32 bytes, base64; also {@code POET_RECORD_KEY};
     * never printed. Default: none (recorded inputs are not encrypted).
     */
    public static final String RECORD_KEY = "poet.record.key";
    /** Recorded executions kept per method, at least 1; the oldest go first. Default 500. */
    public static final String RECORD_MAX_PER_METHOD = "poet.record.max-per-method";
    /** Bytes of recorded executions kept per method, at least 1024; the oldest go first. Default 4194304. */
    public static final String RECORD_MAX_BYTES_PER_METHOD = "poet.record.max-bytes-per-method";
    /** {@code local} or {@code kafka}. Default {@code local}. */
    public static final String FLEET = "poet.fleet";
    /** Prefix of Kafka settings ({@code poet.kafka.bootstrap-servers}, ...); passed through unchecked. */
    public static final String KAFKA_PREFIX = "poet.kafka.";
    /** {@code error}, {@code warn}, {@code info} or {@code debug}. Default {@code info}. */
    public static final String LOG_LEVEL = "poet.log.level";
    /**
     * Prefix of per-area levels, {@code poet.log.level.<area>} for each of {@link dev.poet.core.log.LogArea#ALL}
     * (agent, engine, audit, compile, verify, store, llm, other). Default: {@code poet.log.level}.
     */
    public static final String LOG_LEVEL_AREA_PREFIX = "poet.log.level.";
    /** File the agent's log lines are appended to. Default: standard error. */
    public static final String LOG_FILE = "poet.log.file";
    /**
     * Service name in event metadata. Default: for {@code java -jar app.jar} the jar's file name without its
     * folder and {@code .jar}; else the main class; else none.
     */
    public static final String SERVICE_NAME = "poet.service.name";
    /** Environment name in event metadata. Default {@code default}. */
    public static final String ENVIRONMENT = "poet.environment";
    /** Whether a summary is printed at shutdown. Default {@code true}. */
    public static final String SUMMARY = "poet.summary";
    /** How often the running JVM applies operator changes and writes status.json, in ms, at least 50. Default 1000. */
    public static final String OPERATE_POLL_MS = "poet.operate.poll-ms";
    /** {@code auto} or {@code manual}: whether new versions wait for approval. Default auto. */
    public static final String REVIEW = "poet.review";
    /** Own failures of a version before it is quarantined, at least 1. Default 5. */
    public static final String QUARANTINE_FAILURES = "poet.quarantine.failures";
    /** Versions kept per method under {@code poet.home}, at least 1. Default 10. */
    public static final String VERSIONS_MAX = "poet.versions.max";
    /**
     * How often Train looks at each method with {@code optimize-for}, in milliseconds, at least 1000: collects its
     * evidence, runs its objective's learner, watches the last change and evaluates the regeneration rules.
     * Default 3600000 (one hour).
     */
    public static final String TRAIN_INTERVAL_MS = "poet.train.interval-ms";
    /** Executions (or labelled feedback) a method needs since Train's last look before it learns, at least 1. Default 20. */
    public static final String TRAIN_MIN_EVIDENCE = "poet.train.min-evidence";
    /**
     * Recorded labelled executions a regenerated candidate must be replayed on, beside the running version, before
     * it may be promoted; at least 1. Default 20.
     */
    public static final String TRAIN_MIN_REPLAY = "poet.train.min-replay";
    /**
     * How long a learned change is watched before it is judged against the window before it (and undone when
     * worse), in milliseconds, at least 1. Default: {@code poet.train.interval-ms}.
     */
    public static final String TRAIN_WATCH_WINDOW_MS = "poet.train.watch-window-ms";
    /**
     * How long after a method's configuration changed its impact is measured (that window after against the same
     * length before), in milliseconds, at least 1. Default 604800000 (7 days).
     */
    public static final String TRAIN_IMPACT_WINDOW_MS = "poet.train.impact-window-ms";
    /** Regeneration rule: request a new version when the false-positive rate of labelled alerts exceeds this. Default 0.3. */
    public static final String TRAIN_RULE_FALSE_POSITIVE_RATE = "poet.train.rule.false-positive-rate";
    /** Regeneration rule: ... when the missed-detection rate of labelled real events exceeds this. Default 0.1. */
    public static final String TRAIN_RULE_MISSED_DETECTION_RATE = "poet.train.rule.missed-detection-rate";
    /** Regeneration rule: ... when successful calls per attempt fall below this. Default 0.5. */
    public static final String TRAIN_RULE_COST_EFFICIENCY = "poet.train.rule.cost-efficiency";
    /** Regeneration rule: ... when the share of ignored alerts exceeds this (once alert lifecycle feedback exists). Default 0.7. */
    public static final String TRAIN_RULE_ALERT_FATIGUE = "poet.train.rule.alert-fatigue";
    /**
     * Regeneration rule and undo tolerance: a measure this share worse than its rolling average requests a new
     * version, and a learned change whose watch window is this share worse than before is undone. Default 0.05.
     */
    public static final String TRAIN_RULE_DEGRADATION = "poet.train.rule.degradation";
    /**
     * Prefix of the bounds of learned parameters, {@code poet.train.bound.<parameter>=<min>,<max>} for each of
     * {@link dev.poet.core.train.learned.ParamBounds#DEFAULTS} (retries, timeout-ms, backoff-initial-ms,
     * backoff-max-ms, significance, psi-threshold, season-length, prompt-best-variant). Default: the documented defaults.
     */
    public static final String TRAIN_BOUND_PREFIX = "poet.train.bound.";
    /**
     * Prefix of per-method keys: {@code poet.method.<binary class>.<method>[(<param types>)].<key>}. Per-method
     * keys are not read from environment variables.
     */
    public static final String METHOD_PREFIX = "poet.method.";

    private ConfigKeys() {
    }

    /**
     * The environment variable that sets {@code key}: upper case, with {@code .} and {@code -} turned into
     * {@code _}. {@code poet.activation.timeout-ms} becomes {@code POET_ACTIVATION_TIMEOUT_MS}.
     */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
