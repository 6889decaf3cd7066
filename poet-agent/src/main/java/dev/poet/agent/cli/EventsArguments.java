package dev.poet.agent.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.events.filter.EventFilters;

/**
 * The arguments of {@code events}: {@code --home DIR} (default {@code ./.poet}), the filters {@code --type},
 * {@code --method}, {@code --since}, {@code --execution}, {@code --limit} (each {@code --name value} or
 * {@code --name=value}), {@code --json}, {@code --help}.
 *
 * @param filters filter name to value, for {@link EventFilters}
 */
record EventsArguments(Path home, Map<String, String> filters, boolean json, boolean help) {

    static EventsArguments parse(List<String> args) throws UsageException {
        Path home = null;
        Map<String, String> filters = new LinkedHashMap<>();
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
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
            if (!name.equals("home") && !EventFilters.NAMES.contains(name)) {
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
                home = Path.of(value);
            } else if (filters.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new EventsArguments(home == null ? Path.of(".poet") : home, filters, json, help);
    }
}
