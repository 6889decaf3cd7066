package dev.poet.core.http;

import java.io.IOException;
import java.io.InputStream;

import dev.poet.core.log.PoetLog;

/**
 * {@code GET /poet/openapi.json}: the OpenAPI 3.0 document of every route the server has, written by hand beside
 * this class ({@value #RESOURCE}) so it says what the routes promise rather than what a generator guessed. A test
 * compares it with the routes the server actually has, in both directions.
 */
public final class OpenApiRoute implements RouteHandler {

    public static final String PATH = "/poet/openapi.json";
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiRoute() {
        this.document = load();
    }

    /** Adds this route to {@code router}. */
    public Router addTo(Router router) {
        return router.add("GET", PATH, this);
    }

    /** The document's bytes, or null when the agent was packaged without it. */
    static byte[] load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                PoetLog.warn("HTTP API: " + RESOURCE + " is missing from the agent; " + PATH + " answers 503");
                return null;
            }
            return in.readAllBytes();
        } catch (IOException e) {
            PoetLog.warn("HTTP API: " + RESOURCE + " cannot be read (" + e.getMessage() + "); " + PATH
                    + " answers 503");
            return null;
        }
    }

    @Override
    public Response handle(Request request) throws HttpProblem {
        if (document == null) {
            throw new HttpProblem(503, "unavailable", "the OpenAPI document is missing from this agent's jar");
        }
        return Response.rawJson(200, document);
    }
}
