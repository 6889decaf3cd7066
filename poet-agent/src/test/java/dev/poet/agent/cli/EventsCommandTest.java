package dev.poet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;

/** The {@code events} command's parsing and printing, over an in-memory log. */
class EventsCommandTest {

    static final Instant NOW = Instant.parse("2025-01-02T10:00:00Z");
    static final EventMetadata META = new EventMetadata("test", "default", "svc");
    static final String EXEC = ExecutionIds.format(300);

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Event> events = new ArrayList<>();
    private final List<EventQuery> queries = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();
    private boolean closed;

    @BeforeEach
    void store() throws IOException {
        Files.createDirectories(home.resolve("events"));
        events.add(new Event("r-e1", "function.execution", NOW.minusSeconds(3600).toEpochMilli(), EXEC, null, META,
                ordered("method", "com.acme.Drift~detect~abc", "execution_id", EXEC, "status", "success", "duration_ms", 3)));
        events.add(new Event("r-e2", "function.feedback", NOW.minusSeconds(60).toEpochMilli(), EXEC, "r-e1", META,
                ordered("execution_id", EXEC, "feedback_type", "drift_validation", "reason", "seasonal pattern",
                        "method", "com.acme.Drift~detect~abc", "values", Map.of("score", 1))));
        events.add(new Event("r-e3", "version.activated", NOW.toEpochMilli(), null, null, META,
                Map.of("method", "com.acme.Other~x~1", "version", "v2")));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private int run(String... args) {
        EventLogOpener opener = dir -> {
            opened.add(dir);
            return new Listing();
        };
        return PoetCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), opener, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> lines() {
        String s = out.toString(StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    @Test
    void printsOneHumanLinePerEvent() {
        assertThat(run("events", "--home", home.toString())).isZero();
        assertThat(opened).containsExactly(home.resolve("events"));
        assertThat(queries).containsExactly(EventQuery.all());
        assertThat(lines()).containsExactly(
                "2025-01-02T09:00:00Z  function.execution  com.acme.Drift~detect~abc  " + EXEC + "  status=success  duration_ms=3",
                "2025-01-02T09:59:00Z  function.feedback  com.acme.Drift~detect~abc  " + EXEC
                        + "  feedback_type=drift_validation  reason=\"seasonal pattern\"  values={\"score\":1}",
                "2025-01-02T10:00:00Z  version.activated  com.acme.Other~x~1  -  version=v2");
        assertThat(closed).isTrue();
    }

    @Test
    void printsOneJsonObjectPerLineWithJson() throws Exception {
        assertThat(run("events", "--home=" + home, "--json")).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(EventJson.decode(lines.get(i))).isEqualTo(events.get(i));
        }
    }

    @Test
    void passesTheFiltersOn() {
        assertThat(run("events", "--home", home.toString(), "--type", "function.*", "--method", "com.acme.Drift",
                "--since", "-10m", "--execution", EXEC, "--limit", "5")).isZero();
        assertThat(queries).containsExactly(new EventQuery("function.*", "com.acme.Drift",
                NOW.minusSeconds(600).toEpochMilli(), EXEC, 5));
        assertThat(lines()).hasSize(1).allMatch(l -> l.contains("function.feedback"));
    }

    @Test
    void badArgumentsExitWith2AndSayWhy() {
        assertBadArguments("unknown option --colour", "events", "--home", home.toString(), "--colour", "red");
        assertBadArguments("--since: since must be an ISO-8601 instant", "events", "--home", home.toString(), "--since", "yesterday");
        assertBadArguments("--limit needs a value", "events", "--home", home.toString(), "--limit");
        assertBadArguments("--type is given twice", "events", "--type", "a", "--type", "b");
        assertBadArguments("--execution: execution must be an execution id", "events", "--execution", "uuid-123");
        assertBadArguments("unexpected argument 'now'", "events", "now");
        assertBadArguments("--json takes no value", "events", "--json=yes");
        assertBadArguments("unknown command 'evnets'", "evnets");
        assertThat(opened).isEmpty();
    }

    @Test
    void helpPrintsTheOptions() {
        assertThat(run("events", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--since WHEN", "--execution ID", "--json", "Exit codes");
        assertThat(opened).isEmpty();
    }

    @Test
    void aHomeWithoutEventsExitsWith1() {
        assertThat(run("events", "--home", home.resolve("elsewhere").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no event store at");
    }

    @Test
    void aStoreThatCannotBeReadExitsWith1() {
        int code = PoetCli.run(new String[] {"events", "--home", home.toString()}, new PrintStream(out),
                new PrintStream(err), dir -> {
                    throw new IOException("locked");
                }, Clock.systemUTC());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read").contains("locked");
    }

    private void assertBadArguments(String message, String... args) {
        err.reset();
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).contains(message);
    }

    /** What the opener hands out: the events above, filtered as a store would. */
    private final class Listing implements EventLog {
        @Override public void append(List<Event> batch) throws IOException { throw new IOException("read-only"); }
        @Override public void appendDurable(Event event) throws IOException { throw new IOException("read-only"); }
        @Override public void sync() { }
        @Override public Optional<Event> execution(String id) { return Optional.empty(); }
        @Override public List<Event> feedbackFor(String id) { return List.of(); }
        @Override public List<Event> feedbackForMethod(String key, long since) { return List.of(); }

        @Override
        public List<Event> query(EventQuery query) {
            queries.add(query);
            List<Event> found = new ArrayList<>();
            for (Event e : events) {
                if (query.matches(e)) {
                    found.add(e);
                }
            }
            return query.limit() > 0 && found.size() > query.limit()
                    ? found.subList(found.size() - query.limit(), found.size()) : found;
        }

        @Override public void close() { closed = true; }
    }
}
