package dev.poet.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.filter.BadFilterException;
import dev.poet.core.events.filter.EventFilters;

/** {@code events}: prints the events of a {@code poet.home} that match the filters, oldest first. */
final class EventsCommand {

    static final String USAGE = String.join("\n",
            "usage: java -jar poet-agent.jar events [--home DIR] [--type T] [--method M] [--since WHEN]",
            "                                       [--execution ID] [--limit N] [--json]",
            "",
            "Prints the events POET recorded under DIR/events (default ./.poet), oldest first; works while the",
            "application runs.",
            "  --home DIR       the application's poet.home (default ./.poet)",
            "  --type T         an event type (function.feedback), a family (version.*) or *",
            "  --method M       a method key, or a prefix of one (com.acme.Pricing~quote)",
            "  --since WHEN     an ISO-8601 instant (2025-01-02T10:00:00Z), a date (2025-01-02) or a time before",
            "                   now: -30s, -10m, -2h, -1d",
            "  --execution ID   the events of one execution (its record, its phase decisions, its feedback)",
            "  --limit N        only the newest N",
            "  --json           one JSON object per line instead of the human form",
            "Exit codes: 0 printed, 1 the store could not be read, 2 bad arguments.");

    private final EventLogOpener opener;
    private final Clock clock;

    EventsCommand(EventLogOpener opener, Clock clock) {
        this.opener = opener;
        this.clock = clock;
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        EventsArguments arguments;
        EventQuery query;
        try {
            arguments = EventsArguments.parse(args);
            if (arguments.help()) {
                out.println(USAGE);
                return 0;
            }
            query = new EventFilters(clock, 0, 0).parse(arguments.filters());
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (BadFilterException e) {
            return usage(err, "--" + e.filter() + ": " + e.getMessage());
        }
        Path events = arguments.home().resolve("events");
        if (!Files.isDirectory(events)) {
            err.println("poet events: no event store at " + events.toAbsolutePath()
                    + " (is --home the application's poet.home?)");
            return 1;
        }
        try (EventLog log = opener.open(events)) {
            List<Event> found = log.query(query);
            for (Event e : found) {
                out.println(arguments.json() ? EventLines.json(e) : EventLines.human(e));
            }
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("poet events: cannot read " + events.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("poet events: " + problem);
        err.println("try: java -jar poet-agent.jar events --help");
        return 2;
    }
}
