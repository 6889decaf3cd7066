package dev.poet.core.http;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which handler answers a path and method. Paths are exact ({@code /poet/feedback}); a route is added once and never
 * replaced, so adding a route (status, dashboard, metrics) leaves the others as they are. Thread-safe.
 */
public final class Router {

    private final Map<String, Map<String, RouteHandler>> routes = new ConcurrentHashMap<>();

    /**
     * Routes {@code method} requests for {@code path} to {@code handler}.
     *
     * @throws IllegalStateException when that path and method already have a handler
     */
    public Router add(String method, String path, RouteHandler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        String m = method.toUpperCase(Locale.ROOT);
        Map<String, RouteHandler> byMethod = routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
        if (byMethod.putIfAbsent(m, handler) != null) {
            throw new IllegalStateException(m + " " + path + " already has a handler");
        }
        return this;
    }

    /** The handlers of {@code path} by method, or an empty map for a path no route has. */
    Map<String, RouteHandler> methods(String path) {
        Map<String, RouteHandler> byMethod = routes.get(path);
        return byMethod == null ? Map.of() : Collections.unmodifiableMap(byMethod);
    }

    /** The methods {@code path} answers, sorted, for {@code Allow}. */
    static String allow(Map<String, RouteHandler> byMethod) {
        return String.join(", ", new TreeMap<>(byMethod).keySet());
    }

    /** Every routed path. */
    public Set<String> paths() {
        return Collections.unmodifiableSet(routes.keySet());
    }
}
