package dev.poet.core.config;

import java.nio.file.Path;

/** Turns a raw string into a typed value; throws {@link IllegalArgumentException} whose message is the reason. */
@FunctionalInterface
interface ValueParser<T> {

    T parse(String raw, Path workingDir);
}
