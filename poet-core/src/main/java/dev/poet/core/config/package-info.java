/**
 * POET's configuration, its public contract: every key is documented with its default in the repository's
 * {@code agent.properties}, and a system property wins over an environment variable, which wins over the
 * properties file, which wins over the built-in defaults. {@link dev.poet.core.config.ConfigLoader}
 * merges system properties, agent arguments, environment variables, the properties file and defaults into an
 * immutable {@link dev.poet.core.config.PoetConfig}; bad entries become
 * {@link dev.poet.core.config.ConfigProblem}s rather than exceptions, because a Java agent must never stop the
 * application it is attached to.
 */
package dev.poet.core.config;
