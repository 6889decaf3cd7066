/**
 * The command line of {@code java -jar poet-agent.jar}: seeing and changing what the agent did to a
 * {@code poet.home} ({@code status}, {@code versions}, {@code show}, {@code diff}, {@code rollback},
 * {@code approve}, {@code reject}, {@code params}, {@code enable}, {@code disable}, {@code selection}), through
 * {@link dev.poet.core.operate.Operations}, with the application running or not; and reading events back
 * ({@code events}), also while the application writes them. {@link dev.poet.agent.cli.PoetCli#commands} is the one
 * table of commands.
 */
package dev.poet.agent.cli;
