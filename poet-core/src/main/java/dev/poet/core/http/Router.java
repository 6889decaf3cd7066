package dev.poet.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which handler answers a path and method. A route's path is made of exact segments and {@code {name}} segments
 * ({@code /api/v1/templates/{domain}/current}); a {@code {name}} segment matches any one non-empty segment, and the
 * handler reads it with {@link Request#pathParam(String)}. A path with an exact route is answered by that route
 * before any route with parameters, and among routes with parameters the one with more exact segments, then the
 * earlier added, wins. A route is added once and never replaced, so adding a route leaves the others as they are.
 * Thread-safe.
 *
 * <p>Paths are matched on the raw (still escaped) path, segment by segment, and each segment is decoded on its own:
 * an escaped slash ({@code %2F}) stays inside its segment and an escaped dot ({@code %2e}) is a dot, so a handler
 * sees {@code ..} or {@code a/b} as the parameter's value and can refuse it, rather than the path quietly meaning
 * another route.
 */
public final class Router {

    private final Map<String, Map<String, RouteHandler>> routes = new ConcurrentHashMap<>();
    private final List<Template> templates = new CopyOnWriteArrayList<>();

    /**
     * Routes {@code method} requests for {@code path} to {@code handler}; {@code path} may have {@code {name}}
     * segments.
     *
     * @throws IllegalStateException    when that path and method already have a handler
     * @throws IllegalArgumentException when the path does not start with {@code /}, has an empty segment, a
     *                                  malformed or repeated parameter
     */
    public Router add(String method, String path, RouteHandler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
        String m = method.toUpperCase(Locale.ROOT);
        Map<String, RouteHandler> byMethod;
        if (path.indexOf('{') < 0 && path.indexOf('}') < 0) {
            byMethod = routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
        } else {
            synchronized (templates) {
                Template t = templates.stream().filter(x -> x.path.equals(path)).findFirst().orElse(null);
                if (t == null) {
                    t = Template.parse(path);
                    templates.add(t);
                }
                byMethod = t.handlers;
            }
        }
        if (byMethod.putIfAbsent(m, handler) != null) {
            throw new IllegalStateException(m + " " + path + " already has a handler");
        }
        return this;
    }

    /** The handlers and path parameters for a raw (escaped) request path; empty handlers when no route matches. */
    Match match(String rawPath) {
        String decoded = decode(rawPath);
        Map<String, RouteHandler> exact = decoded == null ? null : routes.get(decoded);
        if (exact != null && !exact.isEmpty()) {
            return new Match(Collections.unmodifiableMap(exact), Map.of());
        }
        List<String> segments = segments(rawPath);
        if (segments == null) {
            return new Match(Map.of(), Map.of());
        }
        Template best = null;
        Map<String, String> bestParams = null;
        for (Template t : templates) {
            Map<String, String> params = t.match(segments);
            if (params != null && !t.handlers.isEmpty() && (best == null || t.exactSegments > best.exactSegments)) {
                best = t;
                bestParams = params;
            }
        }
        return best == null ? new Match(Map.of(), Map.of())
                : new Match(Collections.unmodifiableMap(best.handlers), Collections.unmodifiableMap(bestParams));
    }

    /** The handlers of {@code path} by method, or an empty map for a path no route has. */
    Map<String, RouteHandler> methods(String path) {
        return match(path).handlers();
    }

    /** The methods {@code path} answers, sorted, for {@code Allow}. */
    static String allow(Map<String, RouteHandler> byMethod) {
        return String.join(", ", new TreeMap<>(byMethod).keySet());
    }

    /** Every routed path, the ones with parameters as added ({@code /api/v1/templates/{domain}}). */
    public Set<String> paths() {
        Set<String> all = new java.util.TreeSet<>(routes.keySet());
        templates.forEach(t -> all.add(t.path));
        return Collections.unmodifiableSet(all);
    }

    /** A route's handlers by method and the values of its {@code {name}} segments. */
    record Match(Map<String, RouteHandler> handlers, Map<String, String> params) {
    }

    /** The decoded segments after the leading slash, or {@code null} when a segment has a malformed escape. */
    private static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String s = decode(raw);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Percent-decodes as a path does ({@code +} stays a plus), or {@code null} for a malformed escape or bytes that
     * are not UTF-8.
     */
    private static String decode(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                // A raw path from the JDK's server is ASCII; anything else is passed through as UTF-8.
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + b.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length + b.length + 8);
                }
                System.arraycopy(b, 0, out, n, b.length);
                n += b.length;
            }
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static final class Template {
        final String path;
        /** Exact segment text, or {@code null} where a parameter stands. */
        final String[] exact;
        final String[] names;
        final int exactSegments;
        final Map<String, RouteHandler> handlers = new ConcurrentHashMap<>();

        private Template(String path, String[] exact, String[] names, int exactSegments) {
            this.path = path;
            this.exact = exact;
            this.names = names;
            this.exactSegments = exactSegments;
        }

        static Template parse(String path) {
            String[] parts = path.substring(1).split("/", -1);
            String[] exact = new String[parts.length];
            String[] names = new String[parts.length];
            int count = 0;
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("a route's path has no empty segment: " + path);
                }
                if (p.startsWith("{") && p.endsWith("}")) {
                    String name = p.substring(1, p.length() - 1);
                    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("a parameter is {letters, digits, _}: " + p + " in " + path);
                    }
                    if (!seen.add(name)) {
                        throw new IllegalArgumentException("parameter {" + name + "} appears twice in " + path);
                    }
                    names[i] = name;
                } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("a parameter is a whole segment: " + p + " in " + path);
                } else {
                    exact[i] = p;
                    count++;
                }
            }
            return new Template(path, exact, names, count);
        }

        /** The parameters when {@code segments} match, else {@code null}. */
        Map<String, String> match(List<String> segments) {
            if (segments.size() != exact.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < exact.length; i++) {
                String s = segments.get(i);
                if (exact[i] != null) {
                    if (!exact[i].equals(s)) {
                        return null;
                    }
                } else {
                    if (s.isEmpty()) {
                        return null;
                    }
                    params.put(names[i], s);
                }
            }
            return params;
        }
    }
}
