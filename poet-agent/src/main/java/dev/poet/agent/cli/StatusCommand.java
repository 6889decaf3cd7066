package dev.poet.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.operate.MethodView;

/**
 * {@code status}: every method with its state, active version, generator and live figures, what waits for review,
 * and whether an application is running (from the age of its {@code status.json}).
 */
final class StatusCommand extends OperationsCommand {

    private static final int MAX_ERROR = 60;

    private final Clock clock;

    StatusCommand(Clock clock) {
        super("status");
        this.clock = clock;
    }

    @Override
    String synopsis() {
        return "status";
    }

    @Override
    String summary() {
        return "every method: state, version, generator, calls, failures, p50/p99, last error; what waits for review";
    }

    @Override
    String details() {
        return String.join("\n",
                "Lists every method POET knows under DIR: its state (active, original, disabled, awaiting_review,",
                "deselected), the version that runs, the generator, calls, failure rate, p50/p99 latency and the last",
                "error of the running application, and the versions that wait for review (poet.review=manual).",
                "The figures come from DIR/status.json, which a running application rewrites every",
                "poet.operate.poll-ms; its age is shown, and when no application runs, that none does.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        invocation.atMost(0);
        Path home = invocation.home();
        return (operations, output) -> {
            List<MethodView> methods = operations.methods();
            StatusFile status;
            try {
                status = StatusFile.read(home);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + home.resolve("status.json") + ": " + e.getMessage(), e);
            }
            if (output.json()) {
                output.json(json(home, status, methods));
            } else {
                human(home, status, methods, output);
            }
            return 0;
        };
    }

    private Map<String, Object> json(Path home, StatusFile status, List<MethodView> methods) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("home", home.toAbsolutePath().toString());
        if (status == null) {
            doc.put("application", null);
        } else {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("running", status.writerAlive());
            app.put("pid", status.pid() > 0 ? status.pid() : null);
            app.put("status_at", Output.text(status.at()));
            app.put("status_age_seconds", status.at() == null ? null
                    : Math.max(0, Duration.between(status.at(), clock.instant()).getSeconds()));
            app.put("http_address", status.httpAddress());
            doc.put("application", app);
        }
        List<Object> list = new ArrayList<>();
        List<Object> waiting = new ArrayList<>();
        for (MethodView m : methods) {
            list.add(Output.method(m));
            for (String v : m.awaitingReview() == null ? List.<String>of() : m.awaitingReview()) {
                waiting.add(Map.of("method", m.key(), "version", v));
            }
        }
        doc.put("methods", list);
        doc.put("awaiting_review", waiting);
        return doc;
    }

    private void human(Path home, StatusFile status, List<MethodView> methods, Output output) {
        output.line(applicationLine(home, status));
        if (methods.isEmpty()) {
            output.line("no methods under " + home.toAbsolutePath().resolve("methods")
                    + " (none selected yet, or the application has not called one)");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METHOD", "STATE", "VERSION", "GENERATOR", "CALLS", "FAILED", "P50 MS", "P99 MS",
                "LAST ERROR"});
        List<String> waiting = new ArrayList<>();
        for (MethodView m : methods) {
            MethodView.Live live = m.live();
            rows.add(new String[] {
                Output.cell(m.key()), Output.cell(m.state()), Output.cell(m.activeVersion()),
                Output.cell(m.generator()),
                live == null ? "-" : Long.toString(live.calls()),
                live == null ? "-" : Output.percent(live.failureRate()),
                live == null || live.calls() == 0 ? "-" : Output.millis(live.p50Millis()),
                live == null || live.calls() == 0 ? "-" : Output.millis(live.p99Millis()),
                live == null ? "-" : Output.cut(Output.cell(live.lastError()), MAX_ERROR)});
            for (String v : m.awaitingReview() == null ? List.<String>of() : m.awaitingReview()) {
                waiting.add("  " + m.key() + " " + v + "   approve: java -jar poet-agent.jar approve " + m.key()
                        + " " + v);
            }
        }
        Output.table(rows).forEach(output::line);
        if (waiting.isEmpty()) {
            output.line("nothing waits for review");
        } else {
            output.line("waiting for review:");
            waiting.forEach(output::line);
        }
    }

    private String applicationLine(Path home, StatusFile status) {
        if (status == null) {
            return "application: none running (no status.json under " + home.toAbsolutePath()
                    + "); no live figures";
        }
        String age = status.at() == null ? "at an unknown time"
                : Output.age(Duration.between(status.at(), clock.instant())) + " ago";
        if (status.writerAlive()) {
            return "application: running, pid " + status.pid() + ", status.json written " + age
                    + (status.httpAddress() == null ? "" : ", HTTP " + status.httpAddress());
        }
        return "application: none running (status.json written " + age
                + (status.pid() > 0 ? " by pid " + status.pid() + ", which has exited" : "")
                + "); no live figures";
    }
}
