package dev.poet.core.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.poet.core.events.EventLog;
import dev.poet.core.http.HttpProblem;
import dev.poet.core.http.Request;
import dev.poet.core.http.Response;
import dev.poet.core.http.RouteHandler;
import dev.poet.core.http.Router;
import dev.poet.core.store.SafeName;
import dev.poet.core.store.SafeName.UnsafeNameException;
import dev.poet.core.train.learned.LearnedParams;
import dev.poet.core.train.learned.LearnedParamsStore;

/**
 * {@code GET /poet/timeline[?method=<key>]}: what the dashboard charts and no other route gives, per method the
 * {@link Timeline}'s samples, its feedback counts and what Train learned for it with the history of those values:
 * <pre>
 * {"interval_ms": 10000, "max_samples": 360, "at": "...", "methods_left_out": 0,
 *  "methods": [{"key": "...",
 *    "samples": [{"at": "...", "calls": 120, "failures": 2, "fallbacks": 0, "retries": 3, "violations": 1,
 *                 "repairs": 1, "window_calls": 12, "window_failures": 0, "window_timed": 12,
 *                 "p50_ms": 1.2, "p90_ms": 3.4, "p99_ms": 8.0}],
 *    "feedback": {"total": 4, "by_type": {"user": 4}},
 *    "learned": {"objective": "latency", "values": {"timeout-ms": 12},
 *                "history": [{"at": "...", "kind": "changed", "before": {}, "after": {"timeout-ms": 12}}]}}]}
 * </pre>
 * {@code learned} is null for a method Train learned nothing for; a part that cannot be read is null with an
 * {@code *_error} field saying why, and the rest is still answered. A {@code method} that is not a method key is
 * 400 {@code bad_request}.
 */
public final class TimelineRoute implements RouteHandler {

    public static final String PATH = "/poet/timeline";

    private final Timeline timeline;
    private final FeedbackTally feedback;
    private final LearnedParamsStore learned;
    private final Clock clock;

    /**
     * @param log     where feedback is counted from, or null when the agent runs without an event store
     * @param learned Train's learned values
     */
    public TimelineRoute(Timeline timeline, EventLog log, LearnedParamsStore learned, Clock clock) {
        this.timeline = timeline;
        this.feedback = log == null ? null : new FeedbackTally(log);
        this.learned = learned;
        this.clock = clock;
    }

    public Router addTo(Router router) {
        return router.add("GET", PATH, this);
    }

    @Override
    public Response handle(Request request) throws HttpProblem {
        Map<String, String> query = request.query();
        for (String name : query.keySet()) {
            if (!name.equals("method")) {
                throw new HttpProblem(400, "bad_request", "unknown query parameter " + shorten(name)
                        + "; " + PATH + " takes only method=<method key>");
            }
        }
        Map<String, List<Timeline.Sample>> samples;
        String only = query.get("method");
        if (only != null) {
            try {
                SafeName.methodKey(only);
            } catch (UnsafeNameException e) {
                throw new HttpProblem(400, "bad_request", e.getMessage());
            }
            samples = Map.of(only, timeline.samples(only));
        } else {
            samples = timeline.samples();
        }
        List<Object> methods = new ArrayList<>();
        for (Map.Entry<String, List<Timeline.Sample>> e : samples.entrySet()) {
            methods.add(method(e.getKey(), e.getValue()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval_ms", Timeline.INTERVAL_MS);
        body.put("max_samples", timeline.capacity());
        body.put("at", Instant.ofEpochMilli(clock.millis()).toString());
        body.put("methods_left_out", timeline.methodsLeftOut());
        body.put("methods", methods);
        return Response.json(200, body);
    }

    private Map<String, Object> method(String key, List<Timeline.Sample> samples) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        List<Object> list = new ArrayList<>(samples.size());
        for (Timeline.Sample s : samples) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("at", Instant.ofEpochMilli(s.atMillis()).toString());
            o.put("calls", s.calls());
            o.put("failures", s.failures());
            o.put("fallbacks", s.fallbacks());
            o.put("retries", s.retries());
            o.put("violations", s.violations());
            o.put("repairs", s.repairs());
            o.put("window_calls", s.windowCalls());
            o.put("window_failures", s.windowFailures());
            o.put("window_timed", s.windowLatencyCount());
            o.put("p50_ms", s.p50Millis());
            o.put("p90_ms", s.p90Millis());
            o.put("p99_ms", s.p99Millis());
            list.add(o);
        }
        m.put("samples", list);
        if (feedback == null) {
            m.put("feedback", null);
            m.put("feedback_error", "no event store: the agent runs without events");
        } else {
            try {
                FeedbackTally.Counts c = feedback.counts(key);
                m.put("feedback", Map.of("total", c.total(), "by_type", c.byType()));
            } catch (IOException | RuntimeException e) {
                m.put("feedback", null);
                m.put("feedback_error", "the event log could not be read: " + e.getMessage());
            }
        }
        try {
            Optional<LearnedParams> l = learned.load(key);
            m.put("learned", l.map(TimelineRoute::learned).orElse(null));
        } catch (IOException | RuntimeException e) {
            m.put("learned", null);
            m.put("learned_error", "learned.json could not be read: " + e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> learned(LearnedParams p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objective", p.objective());
        out.put("values", p.values());
        List<Object> history = new ArrayList<>();
        for (LearnedParams.Change c : p.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("at", c.at().toString());
            h.put("kind", c.kind());
            h.put("before", c.before());
            h.put("after", c.after());
            history.add(h);
        }
        out.put("history", history);
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
