package dev.poet.agent.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar poet-agent.jar <command> ...}, reached from the agent's Java 8 entry class on Java 17 and later. */
public final class PoetCli {

    /** How one command runs: its arguments after the command name; returns the exit code. */
    @FunctionalInterface
    interface Runner {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    /**
     * One line of the command table.
     *
     * @param synopsis the command with its operands, for the top-level usage
     */
    record Entry(String name, String synopsis, String summary, Runner runner) {
    }

    /** What the commands work with; tests give their own. */
    record Environment(EventLogOpener events, OperationsOpener operations, Clock clock) {
    }

    private PoetCli() {
    }

    /**
     * Every command, in the order the usage lists them. A new command is one line here: its name, its synopsis,
     * one line saying what it does, and how it runs.
     */
    static List<Entry> commands(Environment env) {
        List<Entry> commands = new ArrayList<>();
        for (OperationsCommand c : List.of(new StatusCommand(env.clock()), new VersionsCommand(), new ShowCommand(),
                new DiffCommand(), new ReviewCommand(ReviewCommand.Kind.ROLLBACK),
                new ReviewCommand(ReviewCommand.Kind.APPROVE), new ReviewCommand(ReviewCommand.Kind.REJECT),
                new ParamsCommand(), new EnableCommand(true), new EnableCommand(false), new SelectionCommand())) {
            commands.add(new Entry(c.name(), c.synopsis(), c.summary(),
                    (args, out, err) -> c.run(args, env.operations(), out, err)));
        }
        commands.add(new Entry("events", "events [filters]", "print recorded events, also while the application runs",
                (args, out, err) -> new EventsCommand(env.events(), env.clock()).run(args, out, err)));
        commands.add(new Entry("templates", "templates list|show|validate ...", "domain templates: list, show one,"
                + " try a folder on its domain's sample method",
                (args, out, err) -> new TemplatesCommand().run(args, out, err)));
        commands.add(new Entry("generate", "generate <class-or-jar> <method> --domain D [--dry-run]",
                "render, compile, audit and verify an enhancement without running the application",
                (args, out, err) -> new GenerateCommand().run(args, out, err)));
        commands.add(new Entry("attach", "attach <pid> [config=FILE]", "load POET into a running JVM",
                (args, out, err) -> new AttachCommand(AttachCommand.BYTE_BUDDY, AttachCommand.ownJar())
                        .run(args, out, err)));
        return commands;
    }

    static String usage(List<Entry> commands) {
        int width = commands.stream().mapToInt(e -> e.synopsis().length()).max().orElse(0);
        StringBuilder b = new StringBuilder("usage: java -jar poet-agent.jar <command> [--home DIR] [--json] [--help]\n");
        b.append("commands:\n");
        for (Entry e : commands) {
            b.append("  ").append(e.synopsis()).append(" ".repeat(width - e.synopsis().length() + 2))
                    .append(e.summary()).append('\n');
        }
        b.append("  --home DIR is the application's poet.home (default ./.poet); <command> --help says more.\n");
        b.append("A method is named by its key, by Class.method or by a unique prefix of its key.\n");
        b.append("Exit codes: 0 done, 1 failed, 2 bad arguments.\n");
        b.append("Run an application with POET: java -javaagent:poet-agent.jar[=config=FILE] -jar your-app.jar");
        return b.toString();
    }

    /** Runs {@code args}; returns the exit code (0 done, 1 failed, 2 bad arguments). Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, new Environment(EventLogOpener.LOCAL, Store.OPENER, Clock.systemUTC()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, EventLogOpener opener, Clock clock) {
        return run(args, out, err, new Environment(opener, Store.OPENER, clock));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
        try {
            List<String> list = Arrays.asList(args);
            List<Entry> commands = commands(env);
            if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("-h")
                    || list.get(0).equals("help")) {
                (list.isEmpty() ? err : out).println(usage(commands));
                return list.isEmpty() ? 2 : 0;
            }
            for (Entry e : commands) {
                if (e.name().equals(list.get(0))) {
                    return e.runner().run(list.subList(1, list.size()), out, err);
                }
            }
            err.println("poet: unknown command '" + Output.printable(list.get(0)) + "'");
            err.println(usage(commands));
            return 2;
        } catch (Throwable t) {
            err.println("poet: failed: " + t);
            return 1;
        }
    }
}
