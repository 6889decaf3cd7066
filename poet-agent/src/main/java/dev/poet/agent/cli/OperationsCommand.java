package dev.poet.agent.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.Operations;

/**
 * A command that reads or changes methods through {@link Operations}. Arguments are checked before the store is
 * opened, so a bad argument is exit code 2 whether or not the store is there; then the store's refusals map to their
 * kind's exit code ({@link OperationException.Kind#exitCode()}), and anything unexpected is 1 with its message.
 */
abstract class OperationsCommand {

    /** How the command runs once its arguments are known to be good. */
    @FunctionalInterface
    interface Action {
        int run(Operations operations, Output output) throws OperationException;
    }

    private final String name;

    OperationsCommand(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /** The command and its operands, e.g. {@code rollback <method> <version>}. */
    abstract String synopsis();

    /** One line for the top-level usage. */
    abstract String summary();

    /** What the command does and its own options, for {@code --help}; the common options are added. */
    abstract String details();

    /** The command's own options that take a value, without {@code --}. */
    Set<String> valuedOptions() {
        return Set.of();
    }

    /** Checks the operands and options; returns what to do with the store. */
    abstract Action prepare(Invocation invocation) throws UsageException;

    final String usage() {
        return String.join("\n",
                "usage: java -jar poet-agent.jar " + synopsis() + " [--home DIR] [--json]",
                "",
                details(),
                "  --home DIR   the application's poet.home (default ./.poet)",
                "  --json       one JSON document (snake_case fields) instead of the human form",
                "  --help       this text",
                "A method is named by its key (com.acme.Pricing~quote~1a2b3c4d), by Class.method (Pricing.quote,",
                "com.acme.Pricing.quote) or by a unique prefix of its key.",
                "Exit codes: 0 done, 1 failed (unknown method or version, store unreadable), 2 bad arguments.");
    }

    final int run(List<String> args, OperationsOpener opener, PrintStream out, PrintStream err) {
        Invocation invocation;
        Action action;
        try {
            invocation = Invocation.parse(args, valuedOptions());
            if (invocation.help()) {
                out.println(usage());
                return 0;
            }
            action = prepare(invocation);
        } catch (UsageException e) {
            err.println("poet " + name + ": " + e.getMessage());
            err.println("try: java -jar poet-agent.jar " + name + " --help");
            return 2;
        }
        if (!Files.isDirectory(invocation.home())) {
            err.println("poet " + name + ": no POET home at " + invocation.home().toAbsolutePath()
                    + " (is --home the application's poet.home?)");
            return 1;
        }
        try {
            Operations operations = opener.open(invocation.home());
            int code = action.run(operations, new Output(out, invocation.json()));
            out.flush();
            return code;
        } catch (OperationException e) {
            err.println("poet " + name + ": " + e.getMessage());
            if (e.kind().exitCode() == 2) {
                err.println("try: java -jar poet-agent.jar " + name + " --help");
            }
            return e.kind().exitCode();
        } catch (RuntimeException e) {
            err.println("poet " + name + ": failed: " + e);
            return 1;
        }
    }

    /** The actor the store's change journal records for this user. */
    static String actor() {
        String user = System.getProperty("user.name");
        return "cli:" + (user == null || user.isBlank() ? "unknown" : user);
    }

    /** A version operand: {@code vN}, checked here so that a path never reaches the store. */
    static String version(Invocation invocation, int index) throws UsageException {
        String version = invocation.operand(index, "version (e.g. v2)");
        if (!version.matches("v[1-9][0-9]{0,8}")) {
            throw new UsageException("'" + Output.printable(version) + "' is not a version; versions are v1, v2, ...");
        }
        return version;
    }

    /** A method operand; {@link Operations#resolve} decides what it names. */
    static String method(Invocation invocation) throws UsageException {
        String method = invocation.operand(0, "method (a key, Class.method or a unique key prefix)");
        if (method.isBlank()) {
            throw new UsageException("the method name is empty");
        }
        return method;
    }
}
