package dev.poet.core.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import dev.poet.core.http.OpenRoute;
import dev.poet.core.http.Request;
import dev.poet.core.http.Response;
import dev.poet.core.http.Router;

/**
 * {@code GET /poet/}: the dashboard, one self-contained page (its style and script inline, nothing loaded from
 * anywhere else) that reads {@code /poet/methods} and {@code /poet/timeline} and approves or rejects waiting
 * versions through the methods API. It answers without {@code poet.http.token}: the page holds no data; it asks for
 * the token and sends it with its requests, which the server checks as any others.
 *
 * <p>The page builds every element from data with {@code textContent}; on top of that its Content-Security-Policy
 * lets only the page's own script run (by its SHA-256), and lets it talk only to this server, so text that
 * slipped into markup anyway could neither run nor send anything elsewhere.
 */
public final class DashboardRoute implements OpenRoute {

    public static final String PATH = "/poet/";
    static final String RESOURCE = "dashboard.html";
    static final String HTML = "text/html; charset=utf-8";

    private final byte[] page;
    private final String policy;

    public DashboardRoute() {
        String html = load();
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.policy = "default-src 'none'; script-src '" + scriptHash(html) + "'; style-src 'unsafe-inline'; "
                + "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public Router addTo(Router router) {
        return router.add("GET", PATH, this);
    }

    @Override
    public Response handle(Request request) {
        return new Response(200, page, Map.of(
                "Content-Type", HTML,
                "Content-Security-Policy", policy,
                "X-Frame-Options", "DENY",
                "Referrer-Policy", "no-referrer"));
    }

    /** The page as served. */
    String html() {
        return new String(page, StandardCharsets.UTF_8);
    }

    String policy() {
        return policy;
    }

    private static String load() {
        try (InputStream in = DashboardRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + DashboardRoute.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The CSP source of the page's one inline script. */
    static String scriptHash(String html) {
        int open = html.indexOf("<script>");
        int close = html.indexOf("</script>", open);
        if (open < 0 || close < 0 || html.indexOf("<script", close) >= 0) {
            throw new IllegalStateException(RESOURCE + " must hold exactly one <script> element");
        }
        String script = html.substring(open + "<script>".length(), close);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
