package dev.poet.core.config;

import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * A known key with a single value: its name, how to parse it and its default. The default may depend on the
 * working directory ({@code poet.home}) or the main class ({@code poet.service.name}).
 *
 * @param secret whether listings must mask the value
 */
record KeySpec(String name, ValueParser<?> parser, BiFunction<Path, String, Object> defaultValue, boolean secret) {

    Object defaultFor(Path workingDir, String mainClass) {
        return defaultValue.apply(workingDir, mainClass);
    }
}
