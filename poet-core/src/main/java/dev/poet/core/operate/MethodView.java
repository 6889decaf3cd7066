package dev.poet.core.operate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One method as an operator sees it.
 *
 * @param key            the method key
 * @param displayName    {@code com.acme.Pricing.quote(int)}
 * @param domain         the domain its enhancement was made for, or null
 * @param state          {@code active}, {@code original} (none active: waiting, failed, quarantined),
 *                       {@code disabled}, {@code awaiting_review}, {@code deselected}
 * @param activeVersion  the version that runs (or {@code current} in the store when the application is not
 *                       running), or null
 * @param generator      {@code template}, {@code llm}, or null
 * @param awaitingReview versions waiting for approval, oldest first
 * @param params         the operator's parameter overrides
 * @param live           figures of the running application, or null when none is known
 */
public record MethodView(String key, String displayName, String domain, String state, String activeVersion,
                         String generator, boolean enabled, List<String> awaitingReview, Map<String, String> params,
                         Live live) {

    /**
     * Figures of a running application since it started.
     *
     * @param at when they were taken (the status snapshot's time from the command line)
     */
    public record Live(long calls, long failures, long retries, long violations, long repairs, long fallbacks,
                       double p50Millis, double p99Millis, String lastError, Instant at) {

        public double failureRate() {
            return calls == 0 ? 0 : (double) failures / calls;
        }
    }
}
