package dev.poet.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** One request as a route sees it: method, path, query, client and a body read within the size limit. */
public final class Request {

    private final HttpExchange exchange;
    private final int maxBodyBytes;
    private final Map<String, String> pathParams;

    Request(HttpExchange exchange, int maxBodyBytes) {
        this(exchange, maxBodyBytes, Map.of());
    }

    Request(HttpExchange exchange, int maxBodyBytes, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.maxBodyBytes = maxBodyBytes;
        this.pathParams = Map.copyOf(pathParams);
    }

    /**
     * The decoded value of the route's {@code {name}} segment, or {@code null} when the route has no such
     * parameter. The value is as the client sent it ({@code ..} and {@code a/b} included): a handler checks it.
     */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** Every {@code {name}} segment's decoded value. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    /** The client's IP address as text. */
    public String client() {
        return client(exchange);
    }

    static String client(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    /** A request header's first value, or {@code null}. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /**
     * The query parameters, decoded; a parameter given twice or a malformed escape is refused (400
     * {@code bad_request}), so a request never means something other than what it says.
     */
    public Map<String, String> query() throws HttpProblem {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(400, "bad_request", "the query has a malformed escape in " + shorten(pair));
            }
            if (out.put(name, value) != null) {
                throw new HttpProblem(400, "bad_filter", name + " is given twice; give each filter once");
            }
        }
        return out;
    }

    /**
     * The body as JSON bytes: refused with 415 unless {@code Content-Type} is {@code application/json} (UTF-8), and
     * with 413 as soon as it is known to exceed the limit (a declared length is refused before reading any of it).
     */
    public byte[] jsonBody() throws HttpProblem {
        requireJson();
        String declared = header("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "bad_request", "Content-Length is not a number: " + shorten(declared));
            }
            if (length > maxBodyBytes) {
                throw tooLarge(length + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new HttpProblem(400, "bad_request", "the body could not be read: " + e.getMessage());
        }
    }

    private HttpProblem tooLarge(String size) {
        return new HttpProblem(413, "body_too_large", "the body is " + size + "; at most " + maxBodyBytes
                + " bytes are accepted (poet.http.max-body-bytes)").header("Connection", "close");
    }

    private void requireJson() throws HttpProblem {
        String type = header("Content-Type");
        if (type == null) {
            throw new HttpProblem(415, "unsupported_media_type", "Content-Type is missing; send application/json");
        }
        String[] parts = type.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.equals("charset=utf-8") && !p.equals("charset=\"utf-8\"")) {
                json = false;
            }
        }
        if (!json) {
            throw new HttpProblem(415, "unsupported_media_type", "Content-Type is " + shorten(type)
                    + "; send application/json (UTF-8)");
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
