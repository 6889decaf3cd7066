package dev.poet.core.http;

/**
 * A route answered without {@code poet.http.token} even when one is configured: for what holds no data of the
 * application and changes nothing, such as the dashboard's page, which then asks for the token and sends it with
 * every request it makes.
 */
public interface OpenRoute extends RouteHandler {
}
