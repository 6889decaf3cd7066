package dev.poet.core.http;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import dev.poet.core.config.PoetConfig;

/**
 * How the embedded server listens and what it accepts.
 *
 * @param host               bind address ({@code poet.http.host})
 * @param port               port, {@code 0} = any free one ({@code poet.http.port})
 * @param token              bearer token every request must carry when present ({@code poet.http.token})
 * @param maxBodyBytes       largest request body read ({@code poet.http.max-body-bytes})
 * @param rateLimitPerSecond requests per client address and second ({@code poet.http.rate-limit-per-second})
 * @param home               {@code poet.home}, where {@code http.address} is written while the server runs
 * @param threads            handler threads
 */
public record HttpOptions(String host, int port, Optional<String> token, int maxBodyBytes, int rateLimitPerSecond,
                          Path home, int threads) {

    public HttpOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(home, "home");
        if (port < 0 || port > 65535 || maxBodyBytes < 1 || rateLimitPerSecond < 1 || threads < 1) {
            throw new IllegalArgumentException("bad HTTP options: port " + port + ", max body " + maxBodyBytes
                    + ", rate " + rateLimitPerSecond + ", threads " + threads);
        }
        token = token.filter(t -> !t.isEmpty());
    }

    /** The options {@code config} sets, or empty when {@code poet.http.port} is not set (the server is off). */
    public static Optional<HttpOptions> from(PoetConfig config) {
        if (config.httpPort().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HttpOptions(config.httpHost(), config.httpPort().getAsInt(), config.httpToken(),
                config.httpMaxBodyBytes(), config.httpRateLimitPerSecond(), config.home(), 2));
    }

    @Override
    public String toString() {
        // The token is a secret; records print every component.
        return "HttpOptions[host=" + host + ", port=" + port + ", token=" + (token.isPresent() ? "****" : "none")
                + ", maxBodyBytes=" + maxBodyBytes + ", rateLimitPerSecond=" + rateLimitPerSecond + ", home=" + home
                + ", threads=" + threads + "]";
    }
}
