package dev.poet.core.http;

/** Answers one route's requests; refuses one by throwing {@link HttpProblem}. Runs on a server thread. */
@FunctionalInterface
public interface RouteHandler {

    Response handle(Request request) throws HttpProblem;
}
