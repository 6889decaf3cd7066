package dev.poet.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds a {@link PoetConfig} from its four sources. Precedence, highest first: system property, agent argument,
 * environment variable ({@link ConfigKeys#envName}), properties file, built-in default.
 *
 * <p>The properties file is the one named by {@code poet.config} (system property, agent argument
 * {@code config=FILE} or {@code POET_CONFIG}, in that order, relative paths against the working directory);
 * without one, {@code agent.properties} in the working directory when it exists. A named file that does not exist
 * is reported and the defaults apply. A blank value counts as unset.
 *
 * <p>Loading never throws for bad input: every problem is collected in {@link PoetConfig#problems()}, once, and
 * the key concerned falls back to its default.
 */
public final class ConfigLoader {

    /** File looked for in the working directory when no {@code poet.config} is given. */
    public static final String DEFAULT_FILE_NAME = "agent.properties";

    private ConfigLoader() {
    }

    /**
     * Loads the configuration of the running JVM: its system properties, environment, current directory, and the
     * main class from {@code sun.java.command} as the default service name.
     *
     * @param agentArgs the agent argument string, may be null
     */
    public static PoetConfig fromSystem(String agentArgs) {
        Properties props = System.getProperties();
        Map<String, String> sys = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            sys.put(name, props.getProperty(name));
        }
        return load(agentArgs, sys, System.getenv(), Paths.get("").toAbsolutePath(),
                serviceNameOf(sys.get("sun.java.command")));
    }

    /**
     * The default service name for a JVM started with {@code command} (the {@code sun.java.command} property):
     * for {@code java -jar /opt/app/billing-1.4.jar} the jar's file name without folder and {@code .jar}
     * ({@code billing-1.4}), else the main class; {@code null} when there is no command.
     */
    static String serviceNameOf(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String first = command.trim().split("\\s+")[0];
        if (first.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
            String name = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
            name = name.substring(0, name.length() - 4);
            return name.isEmpty() ? first : name;
        }
        return first;
    }

    /**
     * Loads with no default service name (see {@link #load(String, Map, Map, Path, String)}).
     */
    public static PoetConfig load(String agentArgs, Map<String, String> systemProperties,
                                  Map<String, String> environment, Path workingDir) {
        return load(agentArgs, systemProperties, environment, workingDir, null);
    }

    /**
     * Loads from explicit sources; tests pass their own maps.
     *
     * @param agentArgs        {@code k=v,k=v}; may be null
     * @param systemProperties all system properties (non-{@code poet.*} ones are ignored)
     * @param environment      all environment variables (only known keys' names are looked up)
     * @param workingDir       against which relative paths resolve
     * @param mainClass        the default {@code poet.service.name}; may be null
     */
    public static PoetConfig load(String agentArgs, Map<String, String> systemProperties,
                                  Map<String, String> environment, Path workingDir, String mainClass) {
        Path wd = workingDir.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();

        Map<String, RawSetting> sys = new LinkedHashMap<>();
        systemProperties.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.PREFIX)) {
                put(sys, k, v, ConfigSource.SYSTEM_PROPERTY, "-D" + k);
            }
        });
        Map<String, RawSetting> agent = new LinkedHashMap<>();
        AgentArgs.parse(agentArgs, problems).forEach((k, v) ->
                put(agent, k, v, ConfigSource.AGENT_ARGUMENT, "agent argument " + k));
        Map<String, RawSetting> env = new LinkedHashMap<>();
        for (String key : KnownKeys.ALL.keySet()) {
            String name = ConfigKeys.envName(key);
            put(env, key, environment.get(name), ConfigSource.ENVIRONMENT, name);
        }

        RawSetting named = firstOf(ConfigKeys.CONFIG, List.of(sys, agent, env));
        Path file = locateFile(named, wd, problems);
        Map<String, RawSetting> fromFile = new LinkedHashMap<>();
        if (file != null) {
            PropertiesFile.read(file, problems).forEach((k, v) ->
                    put(fromFile, k, v, ConfigSource.FILE, file.toString()));
        }

        List<Map<String, RawSetting>> layers = List.of(sys, agent, env, fromFile);
        Set<String> keys = new LinkedHashSet<>();
        layers.forEach(l -> keys.addAll(l.keySet()));

        Map<String, Effective> effective = new LinkedHashMap<>();
        Map<String, String> passThrough = new LinkedHashMap<>();
        List<MethodSettingsTable.Entry> methodEntries = new ArrayList<>();
        for (String key : keys) {
            RawSetting raw = firstOf(key, layers);
            if (key.equals(ConfigKeys.CONFIG)) {
                continue;
            }
            KeySpec spec = KnownKeys.ALL.get(key);
            if (spec != null) {
                effective.put(key, resolve(spec, raw, wd, mainClass, problems));
            } else if (key.startsWith(ConfigKeys.METHOD_PREFIX)) {
                addMethodEntry(raw, methodEntries, problems);
            } else if (key.startsWith(ConfigKeys.KAFKA_PREFIX)) {
                passThrough.put(key, raw.value());
            } else {
                problems.add(new ConfigProblem(key, raw.value(), "unknown key"));
            }
        }
        Map<String, Effective> ordered = new LinkedHashMap<>();
        for (KeySpec spec : KnownKeys.ALL.values()) {
            Effective e = effective.get(spec.name());
            if (spec.name().equals(ConfigKeys.CONFIG)) {
                e = configFileEntry(named, file);
            } else if (e == null) {
                e = new Effective(spec.name(), spec.defaultFor(wd, mainClass), ConfigSource.DEFAULT, null, null);
            }
            ordered.put(spec.name(), e);
        }
        return new PoetConfig(ordered, passThrough, new MethodSettingsTable(methodEntries), problems);
    }

    private static void put(Map<String, RawSetting> layer, String key, String value, ConfigSource source,
                            String origin) {
        if (value != null && !value.isBlank()) {
            layer.put(key, new RawSetting(key, value.trim(), source, origin));
        }
    }

    private static RawSetting firstOf(String key, List<Map<String, RawSetting>> layers) {
        for (Map<String, RawSetting> layer : layers) {
            RawSetting r = layer.get(key);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Path locateFile(RawSetting named, Path wd, List<ConfigProblem> problems) {
        if (named != null) {
            Path p = wd.resolve(named.value()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                problems.add(new ConfigProblem(ConfigKeys.CONFIG, named.value(), "file not found: " + p));
                return null;
            }
            return p;
        }
        Path p = wd.resolve(DEFAULT_FILE_NAME);
        return Files.isRegularFile(p) ? p : null;
    }

    private static Effective configFileEntry(RawSetting named, Path file) {
        if (named == null) {
            return new Effective(ConfigKeys.CONFIG, file, ConfigSource.DEFAULT, null,
                    file == null ? "no " + DEFAULT_FILE_NAME + " in the working directory" : null);
        }
        return new Effective(ConfigKeys.CONFIG, file, named.source(), named.origin(),
                file == null ? "not found, defaults apply" : null);
    }

    private static Effective resolve(KeySpec spec, RawSetting raw, Path wd, String mainClass,
                                     List<ConfigProblem> problems) {
        Object value;
        try {
            value = spec.parser().parse(raw.value(), wd);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(spec.name(), spec.secret() ? "****" : raw.value(), e.getMessage()));
            return new Effective(spec.name(), spec.defaultFor(wd, mainClass), ConfigSource.DEFAULT, null,
                    "invalid value from " + raw.source().label() + " ignored");
        }
        if (value instanceof IncludeParser.Result include) {
            problems.addAll(include.problems());
            value = include.selectors();
        }
        return new Effective(spec.name(), value, raw.source(), raw.origin(), null);
    }

    private static void addMethodEntry(RawSetting raw, List<MethodSettingsTable.Entry> out,
                                       List<ConfigProblem> problems) {
        MethodSettingKey key;
        try {
            key = MethodSettingKey.parse(raw.key().substring(ConfigKeys.METHOD_PREFIX.length()));
            MethodSettingValues.check(key.setting(), raw.value());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(raw.key(), raw.value(), e.getMessage()));
            return;
        }
        out.add(new MethodSettingsTable.Entry(key, raw.value(), raw.source(), raw.origin()));
    }
}
