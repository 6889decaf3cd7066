package dev.poet.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request refused: its status, a stable error code and a message saying what was wrong, sent as
 * {@code {"error": code, "message": message}}.
 */
public final class HttpProblem extends Exception {

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** Adds a response header ({@code Retry-After}, {@code Allow}, ...). */
    public HttpProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The response that says so. */
    public Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        Response r = Response.json(status, body);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }
}
