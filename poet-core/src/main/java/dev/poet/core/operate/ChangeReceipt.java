package dev.poet.core.operate;

import java.time.Instant;

/**
 * A change written to the store. {@code applied} is true when the running JVM that made it (HTTP) already runs it;
 * from the command line it is false and the application picks the change up within {@code poet.operate.poll-ms}.
 *
 * @param id      the change's id, the same in its {@code config.changed} event
 * @param summary one line for people, e.g. {@code "rollback com.acme.Pricing~quote~1a2b3c4d to v1"}
 */
public record ChangeReceipt(String id, String methodKey, String kind, String summary, String actor, Instant at,
                            boolean applied) {
}
