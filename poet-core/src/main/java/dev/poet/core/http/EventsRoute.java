package dev.poet.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.filter.BadFilterException;
import dev.poet.core.events.filter.EventFilters;

/**
 * {@code GET /poet/events?type=&method=&since=&execution=&limit=}: {@code {"events": [...]}}, oldest first, each in
 * the {@link EventJson} form; at most {@link #DEFAULT_LIMIT} unless {@code limit} says otherwise (up to
 * {@link #MAX_LIMIT}), and at most {@link #MAX_RESPONSE_BYTES} of events, the newest kept, with
 * {@code "truncated": true} when some were left out for size. A bad filter is 400 {@code bad_filter} naming it.
 */
public final class EventsRoute implements RouteHandler {

    public static final String PATH = "/poet/events";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final EventLog log;
    private final EventFilters filters;

    public EventsRoute(EventLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.filters = new EventFilters(clock, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Adds this route to {@code router}. */
    public Router addTo(Router router) {
        return router.add("GET", PATH, this);
    }

    @Override
    public Response handle(Request request) throws HttpProblem {
        EventQuery query;
        try {
            query = filters.parse(request.query());
        } catch (BadFilterException e) {
            throw new HttpProblem(400, "bad_filter", e.getMessage());
        }
        List<Event> events;
        try {
            events = log.query(query);
        } catch (IOException | RuntimeException e) {
            throw new HttpProblem(503, "store_unavailable", "the event log could not be read: " + e.getMessage());
        }
        List<byte[]> encoded = new ArrayList<>();
        long size = 0;
        boolean truncated = false;
        for (int i = events.size() - 1; i >= 0; i--) {
            byte[] e = EventJson.encode(events.get(i));
            if (size + e.length + 1 > MAX_RESPONSE_BYTES) {
                truncated = true;
                break;
            }
            encoded.add(e);
            size += e.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size + 64, MAX_RESPONSE_BYTES + 64));
        out.writeBytes("{\"events\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = encoded.size() - 1; i >= 0; i--) {
            out.writeBytes(encoded.get(i));
            if (i > 0) {
                out.write(',');
            }
        }
        out.writeBytes((truncated ? "],\"truncated\":true}" : "]}").getBytes(StandardCharsets.UTF_8));
        return Response.rawJson(200, out.toByteArray());
    }
}
