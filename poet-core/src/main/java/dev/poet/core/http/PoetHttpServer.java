package dev.poet.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.poet.core.log.PoetLog;

/**
 * The embedded HTTP API, on the JDK's server. Every request goes through the same checks in this order: a known
 * path (404 {@code not_found}), the per-client rate limit (429 {@code rate_limited} with {@code Retry-After}), an
 * allowed method (405 {@code method_not_allowed} with {@code Allow}), and when a token is configured the bearer
 * token (401 {@code unauthorized}); then the route's handler. Errors are JSON {@code {"error", "message"}}.
 *
 * <p>Requests run on a small bounded pool of daemon threads of its own, never the application's; when the pool and
 * its queue are full the server's accepting thread runs the request itself, which slows accepting down rather than
 * queueing without bound. Nothing a request does reaches the application as an exception.
 *
 * <p>The JDK's server writes a response's headers and its body in two writes; with Nagle's algorithm on, the body
 * then waits for the client's delayed acknowledgement of the headers, some 40 ms on Linux, on every request of a
 * kept-alive connection (a feedback POST took 44 ms instead of 1 ms). The server turns {@code TCP_NODELAY} on only
 * through the JVM-wide property {@value #NODELAY}, read once when the JVM's first server is created: it is set to
 * {@code true} here unless the application set it, so servers of the application started later in this JVM get
 * {@code TCP_NODELAY} too.
 */
public final class PoetHttpServer implements AutoCloseable {

    private static final int QUEUE = 64;
    /** The JDK server's switch for {@code TCP_NODELAY} on accepted connections. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Router router;
    private final HttpOptions options;
    private final ClientRateLimiter limiter;
    private final BearerToken token;
    private final URI baseUri;
    private final AddressFile addressFile;
    private volatile boolean stopped;

    private PoetHttpServer(HttpServer server, ThreadPoolExecutor executor, Router router, HttpOptions options,
                           LongSupplier nanoTime) throws IOException {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.options = options;
        this.limiter = new ClientRateLimiter(options.rateLimitPerSecond(), nanoTime);
        this.token = options.token().map(BearerToken::new).orElse(null);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.baseUri = URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound.getPort());
        this.addressFile = AddressFile.write(options.home(), baseUri.toString());
    }

    /**
     * Binds, starts serving {@code router}'s routes, writes {@code http.address} and logs the address.
     *
     * @throws IOException when the address cannot be bound or the address file cannot be written (nothing keeps
     *                     running then)
     */
    public static PoetHttpServer start(HttpOptions options, Router router) throws IOException {
        return start(options, router, System::nanoTime);
    }

    static PoetHttpServer start(HttpOptions options, Router router, LongSupplier nanoTime) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(router, "router");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        noDelayUnlessSet();
        HttpServer server = HttpServer.create(address, 50);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), new Daemons(), new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        PoetHttpServer poet;
        try {
            poet = new PoetHttpServer(server, executor, router, options, nanoTime);
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            throw e;
        }
        server.createContext("/", poet::serve);
        startAsDaemon(server);
        PoetLog.info("HTTP API listening on " + poet.baseUri + " (" + String.join(", ", router.paths())
                + "); address written to " + poet.addressFile.path());
        return poet;
    }

    private static void noDelayUnlessSet() {
        try {
            if (System.getProperty(NODELAY) == null) {
                System.setProperty(NODELAY, "true");
            }
        } catch (SecurityException e) {
            PoetLog.warn("HTTP API: " + NODELAY + " cannot be set (" + e.getMessage()
                    + "); responses on kept-alive connections may wait some 40 ms for delayed acknowledgements");
        }
    }

    /**
     * The JDK server's dispatcher thread takes its daemon status from the thread that starts it; a non-daemon
     * dispatcher would keep the application's JVM alive after its main thread ended. So it is started from a
     * daemon thread.
     */
    private static void startAsDaemon(HttpServer server) throws IOException {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "poet-http-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IOException("interrupted while starting the HTTP server", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** The bound address, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The {@code http.address} file while the server runs. */
    public Path addressFile() {
        return addressFile.path();
    }

    /** Stops at once (requests in flight are cut off), ends the threads and removes {@code http.address}. Never throws. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.stop(0);
        } catch (RuntimeException e) {
            PoetLog.suppressed("stopping the HTTP server", e);
        }
        executor.shutdownNow();
        try {
            addressFile.remove();
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("could not remove " + addressFile.path() + ": " + e);
        }
    }

    private void serve(HttpExchange exchange) {
        try {
            Response response;
            try {
                response = dispatch(exchange);
            } catch (HttpProblem problem) {
                response = problem.toResponse();
            } catch (RuntimeException e) {
                PoetLog.suppressed("HTTP " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), e);
                response = new HttpProblem(500, "internal_error", "the request failed inside POET: " + e).toResponse();
            }
            send(exchange, response);
        } catch (IOException e) {
            // The client went away; nothing to tell anyone.
        } catch (Throwable t) {
            PoetLog.suppressed("HTTP request", t);
        } finally {
            exchange.close();
        }
    }

    private Response dispatch(HttpExchange exchange) throws HttpProblem {
        String path = exchange.getRequestURI().getPath();
        Router.Match match = router.match(exchange.getRequestURI().getRawPath());
        Map<String, RouteHandler> byMethod = match.handlers();
        if (byMethod.isEmpty()) {
            throw new HttpProblem(404, "not_found", "no route " + path + "; routes: " + String.join(", ", router.paths()));
        }
        long wait = limiter.acquire(Request.client(exchange));
        if (wait > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
            throw new HttpProblem(429, "rate_limited", "more than " + options.rateLimitPerSecond()
                    + " requests per second from " + Request.client(exchange) + " (poet.http.rate-limit-per-second)")
                    .header("Retry-After", Long.toString(seconds));
        }
        Request request = new Request(exchange, options.maxBodyBytes(), match.params());
        RouteHandler handler = byMethod.get(request.method());
        if (handler == null) {
            throw new HttpProblem(405, "method_not_allowed", request.method() + " is not allowed on " + path
                    + "; use " + Router.allow(byMethod)).header("Allow", Router.allow(byMethod));
        }
        if (token != null && !(handler instanceof OpenRoute) && !token.matches(request.header("Authorization"))) {
            throw new HttpProblem(401, "unauthorized", request.header("Authorization") == null
                    ? "Authorization is missing; send Authorization: Bearer <poet.http.token>"
                    : "the bearer token is wrong").header("WWW-Authenticate", "Bearer realm=\"poet\"");
        }
        return handler.handle(request);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Response.JSON);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static final class Daemons implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "poet-http-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
