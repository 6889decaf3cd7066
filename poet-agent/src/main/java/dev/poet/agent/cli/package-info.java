/**
 * The command line of {@code java -jar poet-agent.jar}: reading events back ({@code events}), also while the
 * application writes them.
 */
package dev.poet.agent.cli;
