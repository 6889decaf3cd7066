package dev.poet.core.config;

/**
 * A value as written in one source, before parsing.
 *
 * @param origin where exactly, for listings: {@code -Dpoet.x}, {@code POET_X}, the file path
 */
record RawSetting(String key, String value, ConfigSource source, String origin) {
}
