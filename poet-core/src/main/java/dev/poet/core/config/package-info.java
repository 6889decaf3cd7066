/**
 * POET's configuration, the public contract of DESIGN section 10. {@link dev.poet.core.config.ConfigLoader}
 * merges system properties, agent arguments, environment variables, the properties file and defaults into an
 * immutable {@link dev.poet.core.config.PoetConfig}; bad entries become
 * {@link dev.poet.core.config.ConfigProblem}s rather than exceptions, because a Java agent must never stop the
 * application it is attached to.
 */
package dev.poet.core.config;
