package dev.poet.agent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed arguments of one operator command: {@code --home DIR} (default {@code ./.poet}), {@code --json},
 * {@code --help}, the command's own options ({@code --name value} or {@code --name=value}) and its operands.
 * {@code --} ends the options, so an operand may start with {@code --}.
 *
 * @param options the command's valued options that were given, name (without {@code --}) to value
 */
record Invocation(Path home, boolean json, boolean help, Map<String, String> options, List<String> operands) {

    static final Path DEFAULT_HOME = Path.of(".poet");

    /**
     * Parses {@code args} for a command whose own valued options are {@code valued} (names without {@code --}).
     *
     * @throws UsageException naming the unknown option, the option without a value, or the option given twice
     */
    static Invocation parse(List<String> args, Set<String> valued) throws UsageException {
        Path home = null;
        boolean json = false;
        boolean help = false;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("json") || name.equals("help")) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                json |= name.equals("json");
                help |= name.equals("help");
                continue;
            }
            if (!name.equals("home") && !valued.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (name.equals("home")) {
                if (home != null) {
                    throw new UsageException("--home is given twice");
                }
                if (value.isBlank()) {
                    throw new UsageException("--home needs a folder");
                }
                home = Path.of(value);
            } else if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Invocation(home == null ? DEFAULT_HOME : home, json, help, options, List.copyOf(operands));
    }

    /** The operand at {@code index}, which the command needs; {@code what} names it in the message. */
    String operand(int index, String what) throws UsageException {
        if (index >= operands.size()) {
            throw new UsageException("missing " + what);
        }
        return operands.get(index);
    }

    /** Refuses operands beyond the first {@code max}. */
    void atMost(int max) throws UsageException {
        if (operands.size() > max) {
            throw new UsageException("unexpected argument '" + operands.get(max) + "'");
        }
    }
}
