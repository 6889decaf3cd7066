package dev.poet.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * POET's effective configuration: immutable, built by {@link ConfigLoader}. Every getter documents its key and
 * default; see {@link ConfigKeys}. Problems met while loading are in {@link #problems()}; the keys concerned hold
 * their defaults.
 */
public final class PoetConfig {

    private static final String MASK = "****";

    private final Map<String, Effective> values;
    private final Map<String, String> passThrough;
    private final MethodSettingsTable methods;
    private final List<ConfigProblem> problems;

    PoetConfig(Map<String, Effective> values, Map<String, String> passThrough, MethodSettingsTable methods,
               List<ConfigProblem> problems) {
        this.values = Map.copyOf(values);
        this.passThrough = Map.copyOf(passThrough);
        this.methods = methods;
        this.problems = List.copyOf(problems);
    }

    private Object value(String key) {
        return values.get(key).value();
    }

    /** {@code poet.enabled}: master switch. Default {@code true}. */
    public boolean enabled() {
        return (Boolean) value(ConfigKeys.ENABLED);
    }

    /** {@code poet.home}: the state directory, absolute. Default {@code <working dir>/.poet}. */
    public Path home() {
        return (Path) value(ConfigKeys.HOME);
    }

    /** The properties file that was read ({@code poet.config} or a discovered {@code agent.properties}). */
    public Optional<Path> configFile() {
        return Optional.ofNullable((Path) value(ConfigKeys.CONFIG));
    }

    /** {@code poet.methods.include}: methods to enhance without code change. Default: none. */
    @SuppressWarnings("unchecked")
    public List<MethodSelector> methodsInclude() {
        return (List<MethodSelector>) value(ConfigKeys.METHODS_INCLUDE);
    }

    /** Whether {@code poet.methods.include} selects the method (by name: every overload; wildcards as in {@link MethodSelector}). */
    public boolean includes(String binaryClassName, String methodName) {
        for (MethodSelector s : methodsInclude()) {
            if (s.matchesClass(binaryClassName) && s.matchesMethod(methodName)) {
                return true;
            }
        }
        return false;
    }

    /** {@code poet.generator}. Default {@link GeneratorKind#TEMPLATE}. */
    public GeneratorKind generator() {
        return (GeneratorKind) value(ConfigKeys.GENERATOR);
    }

    /** {@code poet.activation}. Default {@link ActivationMode#ASYNC}. */
    public ActivationMode activation() {
        return (ActivationMode) value(ConfigKeys.ACTIVATION);
    }

    /** {@code poet.activation.timeout-ms}: eager wait in milliseconds. Default 5000. */
    public long activationTimeoutMs() {
        return (Long) value(ConfigKeys.ACTIVATION_TIMEOUT_MS);
    }

    /** {@code poet.templates.dir}, absolute. Default: none (bundled templates only). */
    public Optional<Path> templatesDir() {
        return Optional.ofNullable((Path) value(ConfigKeys.TEMPLATES_DIR));
    }

    /** {@code poet.llm.provider}. Default: none. */
    public Optional<LlmProvider> llmProvider() {
        return Optional.ofNullable((LlmProvider) value(ConfigKeys.LLM_PROVIDER));
    }

    /** {@code poet.llm.base-url}. Default: none (the provider's own endpoint). */
    public Optional<String> llmBaseUrl() {
        return Optional.ofNullable((String) value(ConfigKeys.LLM_BASE_URL));
    }

    /** {@code poet.llm.model}. Default: none (the provider's default model). */
    public Optional<String> llmModel() {
        return Optional.ofNullable((String) value(ConfigKeys.LLM_MODEL));
    }

    /** {@code poet.llm.api-key} or {@code POET_LLM_API_KEY}. Default: none. Never printed by this class. */
    public Optional<String> llmApiKey() {
        return Optional.ofNullable((String) value(ConfigKeys.LLM_API_KEY));
    }

    /** {@code poet.llm.timeout-ms}: time-out of one LLM HTTP request. Default 60000. */
    public long llmTimeoutMs() {
        return (Long) value(ConfigKeys.LLM_TIMEOUT_MS);
    }

    /** {@code poet.llm.total-timeout-ms}: time-out of one generation, retries and repairs included. Default 180000. */
    public long llmTotalTimeoutMs() {
        return (Long) value(ConfigKeys.LLM_TOTAL_TIMEOUT_MS);
    }

    /** {@code poet.llm.max-tokens}: upper bound of one answer's tokens. Default 4096. */
    public int llmMaxTokens() {
        return (Integer) value(ConfigKeys.LLM_MAX_TOKENS);
    }

    /** {@code poet.llm.temperature}, 0.0-2.0. Default 0.0. */
    public double llmTemperature() {
        return (Double) value(ConfigKeys.LLM_TEMPERATURE);
    }

    /** {@code poet.llm.max-concurrent}: generations talking to the LLM at once. Default 2. */
    public int llmMaxConcurrent() {
        return (Integer) value(ConfigKeys.LLM_MAX_CONCURRENT);
    }

    /** {@code poet.llm.rate-limit-per-minute}: HTTP requests per minute, retries included. Default 100. */
    public int llmRateLimitPerMinute() {
        return (Integer) value(ConfigKeys.LLM_RATE_LIMIT_PER_MINUTE);
    }

    /** {@code poet.llm.repair-turns}: turns that send a rejection back to the LLM. Default 2. */
    public int llmRepairTurns() {
        return (Integer) value(ConfigKeys.LLM_REPAIR_TURNS);
    }

    /** {@code poet.llm.max-answer-chars}: longest answer accepted. Default 200000. */
    public int llmMaxAnswerChars() {
        return (Integer) value(ConfigKeys.LLM_MAX_ANSWER_CHARS);
    }

    /**
     * {@code poet.llm.retry-delay-ms}: the wait after a method's first failed LLM generation, doubled per further
     * failure up to a day. Default 60000.
     */
    public long llmRetryDelayMs() {
        return (Long) value(ConfigKeys.LLM_RETRY_DELAY_MS);
    }

    /** {@code poet.source.path}: absolute folders. Default: none. */
    @SuppressWarnings("unchecked")
    public List<Path> sourcePath() {
        return (List<Path>) value(ConfigKeys.SOURCE_PATH);
    }

    /** {@code poet.http.port}, 0-65535. Default: empty (server off). */
    public OptionalInt httpPort() {
        Integer port = (Integer) value(ConfigKeys.HTTP_PORT);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** {@code poet.http.host}. Default {@code 127.0.0.1}. */
    public String httpHost() {
        return (String) value(ConfigKeys.HTTP_HOST);
    }

    /** {@code poet.http.token}. Default: none (mutating calls refused). Never printed by this class. */
    public Optional<String> httpToken() {
        return Optional.ofNullable((String) value(ConfigKeys.HTTP_TOKEN));
    }

    /** {@code poet.http.public-url}. Default: none (callers use {@code http://<host>:<port>}). */
    public Optional<String> httpPublicUrl() {
        return Optional.ofNullable((String) value(ConfigKeys.HTTP_PUBLIC_URL));
    }

    /** {@code poet.http.max-body-bytes}: the largest request body read. Default 65536. */
    public int httpMaxBodyBytes() {
        return (Integer) value(ConfigKeys.HTTP_MAX_BODY_BYTES);
    }

    /** {@code poet.http.rate-limit-per-second}: requests per client address and second. Default 50. */
    public int httpRateLimitPerSecond() {
        return (Integer) value(ConfigKeys.HTTP_RATE_LIMIT_PER_SECOND);
    }

    /** {@code poet.jmx.enabled}: whether enhanced methods get JMX MBeans. Default true. */
    public boolean jmxEnabled() {
        return (Boolean) value(ConfigKeys.JMX_ENABLED);
    }

    /** {@code poet.jmx.delay-ms}: when after start-up the MBeans are first registered. Default 10000. */
    public long jmxDelayMs() {
        return (Long) value(ConfigKeys.JMX_DELAY_MS);
    }

    /** {@code poet.events.sample-rate}: share of ordinary executions written as events. Default 0.01. */
    public double eventsSampleRate() {
        return (Double) value(ConfigKeys.EVENTS_SAMPLE_RATE);
    }

    /** {@code poet.events.batch-ms}: write-and-sync period of execution events. Default 200. */
    public long eventsBatchMs() {
        return (Long) value(ConfigKeys.EVENTS_BATCH_MS);
    }

    /** {@code poet.events.buffer-size}: executions buffered between writes. Default 65536. */
    public int eventsBufferSize() {
        return (Integer) value(ConfigKeys.EVENTS_BUFFER_SIZE);
    }

    /** {@code poet.events.retention-days}. Default 30. */
    public int eventsRetentionDays() {
        return (Integer) value(ConfigKeys.EVENTS_RETENTION_DAYS);
    }

    /** {@code poet.events.max-bytes}: size cap of the event store. Default 1 GiB. */
    public long eventsMaxBytes() {
        return (Long) value(ConfigKeys.EVENTS_MAX_BYTES);
    }

    /** {@code poet.record.inputs}: keep inputs of methods with optimize-for for replay. Default {@code true}. */
    public boolean recordInputs() {
        return (Boolean) value(ConfigKeys.RECORD_INPUTS);
    }

    /** {@code poet.record.key} (or {@code POET_RECORD_KEY}), base64. Default: none. Never printed by this class. */
    public Optional<String> recordKey() {
        return Optional.ofNullable((String) value(ConfigKeys.RECORD_KEY));
    }

    /** {@code poet.record.max-per-method}. Default 500. */
    public int recordMaxPerMethod() {
        return (Integer) value(ConfigKeys.RECORD_MAX_PER_METHOD);
    }

    /** {@code poet.record.max-bytes-per-method}. Default 4 MiB. */
    public long recordMaxBytesPerMethod() {
        return (Long) value(ConfigKeys.RECORD_MAX_BYTES_PER_METHOD);
    }

    /** {@code poet.fleet}. Default {@link Fleet#LOCAL}. */
    public Fleet fleet() {
        return (Fleet) value(ConfigKeys.FLEET);
    }

    /** The {@code poet.kafka.*} keys as given, full key to value. Default: empty. */
    public Map<String, String> kafkaSettings() {
        return passThrough;
    }

    /** {@code poet.log.level}. Default {@link LogLevel#INFO}. */
    public LogLevel logLevel() {
        return (LogLevel) value(ConfigKeys.LOG_LEVEL);
    }

    /** {@code poet.log.level.<area>}, when set; otherwise the area follows {@link #logLevel()}. */
    public Optional<LogLevel> logLevel(String area) {
        Effective e = values.get(ConfigKeys.LOG_LEVEL_AREA_PREFIX + area);
        return e == null ? Optional.empty() : Optional.ofNullable((LogLevel) e.value());
    }

    /** {@code poet.log.file}: where the agent's log lines are appended. Default: none, standard error. */
    public Optional<Path> logFile() {
        return Optional.ofNullable((Path) value(ConfigKeys.LOG_FILE));
    }

    /** {@code poet.service.name}. Default: the application jar's name for {@code java -jar}, else its main class, else empty. */
    public Optional<String> serviceName() {
        return Optional.ofNullable((String) value(ConfigKeys.SERVICE_NAME));
    }

    /** {@code poet.environment}. Default {@code default}. */
    public String environment() {
        return (String) value(ConfigKeys.ENVIRONMENT);
    }

    /** {@code poet.summary}: print a summary at shutdown. Default {@code true}. */
    public boolean summary() {
        return (Boolean) value(ConfigKeys.SUMMARY);
    }

    /** {@code poet.operate.poll-ms}: how often operator changes are applied and status.json written. Default 1000. */
    public long operatePollMs() {
        return (Long) value(ConfigKeys.OPERATE_POLL_MS);
    }

    /** {@code poet.review}: whether new versions wait for approval. Default {@link ReviewMode#AUTO}. */
    public ReviewMode review() {
        return (ReviewMode) value(ConfigKeys.REVIEW);
    }

    /** {@code poet.methods.include} in its own syntax (empty when unset), for the operator's view of the selection. */
    public String methodsIncludeText() {
        StringBuilder sb = new StringBuilder();
        for (MethodSelector s : methodsInclude()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            // The selector writes itself back in include syntax, wildcards and method globs included.
            sb.append(s);
        }
        return sb.toString();
    }

    /** {@code poet.quarantine.failures}: own failures before a version is quarantined. Default 5. */
    public int quarantineFailures() {
        return (Integer) value(ConfigKeys.QUARANTINE_FAILURES);
    }

    /** {@code poet.versions.max}: versions kept per method. Default 10. */
    public int versionsMax() {
        return (Integer) value(ConfigKeys.VERSIONS_MAX);
    }

    /** {@code poet.train.interval-ms}: how often Train looks at each method with optimize-for. Default one hour. */
    public long trainIntervalMs() {
        return (Long) value(ConfigKeys.TRAIN_INTERVAL_MS);
    }

    /** {@code poet.train.min-evidence}: executions or labels needed since the last look. Default 20. */
    public int trainMinEvidence() {
        return (Integer) value(ConfigKeys.TRAIN_MIN_EVIDENCE);
    }

    /** {@code poet.train.min-replay}: replayed executions a regenerated candidate needs to be promoted. Default 20. */
    public int trainMinReplay() {
        return (Integer) value(ConfigKeys.TRAIN_MIN_REPLAY);
    }

    /** {@code poet.train.watch-window-ms}: how long a learned change is watched. Default {@link #trainIntervalMs()}. */
    public long trainWatchWindowMs() {
        Object v = value(ConfigKeys.TRAIN_WATCH_WINDOW_MS);
        return v == null ? trainIntervalMs() : (Long) v;
    }

    /** {@code poet.train.impact-window-ms}: when a configuration change's impact is measured. Default 7 days. */
    public long trainImpactWindowMs() {
        return (Long) value(ConfigKeys.TRAIN_IMPACT_WINDOW_MS);
    }

    /**
     * A {@code poet.train.rule.<name>} threshold: {@code false-positive-rate} (0.3), {@code missed-detection-rate}
     * (0.1), {@code cost-efficiency} (0.5), {@code alert-fatigue} (0.7), {@code degradation} (0.05).
     *
     * @throws IllegalArgumentException for another name
     */
    public double trainRule(String name) {
        String key = "poet.train.rule." + name;
        if (!KnownKeys.ALL.containsKey(key)) {
            throw new IllegalArgumentException("no Train rule " + name);
        }
        return (Double) value(key);
    }

    /** The {@code poet.train.bound.<parameter>} ranges that are set, parameter to {@code [min, max]}. */
    @SuppressWarnings("unchecked")
    public Map<String, List<Double>> trainBounds() {
        Map<String, List<Double>> bounds = new java.util.LinkedHashMap<>();
        for (String param : dev.poet.core.train.learned.ParamBounds.DEFAULTS.keySet()) {
            Object v = value(ConfigKeys.TRAIN_BOUND_PREFIX + param);
            if (v != null) {
                bounds.put(param, (List<Double>) v);
            }
        }
        return bounds;
    }

    /**
     * The per-method settings of one method: name-only entries ({@code poet.method.C.m.k}) overlaid by entries
     * addressing this overload ({@code poet.method.C.m(int,String).k}); within each kind, the usual source
     * precedence applies. Per-method keys are read from system properties, agent arguments and the file, not
     * from environment variables.
     *
     * @param binaryClassName    e.g. {@code com.acme.Outer$Inner}
     * @param parameterTypeNames fully-qualified parameter types, arrays as {@code int[]}, nested with {@code $}
     * @return the settings; {@link MethodSettings#EMPTY} when none apply
     */
    public MethodSettings settingsFor(String binaryClassName, String methodName, List<String> parameterTypeNames) {
        return methods.settingsFor(binaryClassName, methodName, parameterTypeNames);
    }

    /** Problems met while loading, each once, in discovery order; empty when all was well. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Where {@code key}'s effective value came from; {@link ConfigSource#DEFAULT} for unknown keys. */
    public ConfigSource sourceOf(String key) {
        Effective e = values.get(key);
        return e == null ? ConfigSource.DEFAULT : e.source();
    }

    /**
     * A multi-line listing of every effective value and where it came from, then per-method and Kafka entries and
     * the problems. Secrets ({@code poet.llm.api-key}, {@code poet.http.token}) show as {@code ****}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (KeySpec spec : KnownKeys.ALL.values()) {
            Effective e = values.get(spec.name());
            sb.append(spec.name()).append(" = ").append(display(spec, e.value()))
                    .append("  (").append(e.source().label());
            if (e.origin() != null) {
                sb.append(' ').append(e.origin());
            }
            if (e.note() != null) {
                sb.append("; ").append(e.note());
            }
            sb.append(")\n");
        }
        passThrough.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> sb.append(en.getKey()).append(" = ").append(en.getValue()).append('\n'));
        for (MethodSettingsTable.Entry e : methods.entries()) {
            sb.append(ConfigKeys.METHOD_PREFIX).append(describeKey(e.key())).append(" = ").append(e.value())
                    .append("  (").append(e.source().label()).append(' ').append(e.origin()).append(")\n");
        }
        if (!problems.isEmpty()) {
            sb.append("problems:\n");
            problems.forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private static String describeKey(MethodSettingKey k) {
        String params = k.overloadSpecific() ? "(" + String.join(",", k.parameterTypes()) + ")" : "";
        return k.className() + "." + k.methodName() + params + "." + k.setting();
    }

    private static String display(KeySpec spec, Object value) {
        if (value == null) {
            return "(none)";
        }
        if (spec.secret()) {
            return MASK;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf)
                    .collect(Collectors.joining(spec.name().equals(ConfigKeys.METHODS_INCLUDE) ? ";" : ","));
        }
        if (value instanceof Enum<?> en) {
            return en.name().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /** A one-line summary of the main values; secrets masked. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (KeySpec spec : KnownKeys.ALL.values()) {
            Object v = values.get(spec.name()).value();
            if (v != null) {
                parts.add(spec.name() + "=" + display(spec, v));
            }
        }
        return "PoetConfig{" + String.join(", ", parts) + ", problems=" + problems.size() + "}";
    }
}
