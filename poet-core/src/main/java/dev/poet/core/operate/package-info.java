/**
 * What an operator sees and changes: methods, their versions, parameters, whether each is enabled, and the
 * selection. {@link dev.poet.core.operate.Operations} is the one entry point; the command line uses it on the files
 * of a {@code poet.home} (the application may be running or not), the HTTP API uses it inside the running JVM. A
 * change is written to the store first (so it survives a restart) and then applied by the running JVM within
 * seconds; each applied change is a {@code config.changed} event naming its actor.
 */
package dev.poet.core.operate;
