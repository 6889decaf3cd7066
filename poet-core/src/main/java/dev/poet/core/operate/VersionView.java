package dev.poet.core.operate;

import java.time.Instant;

/**
 * One stored version in a method's list.
 *
 * @param status  as in {@code metadata.json}: {@code active}, {@code awaiting_review}, {@code rejected}, … (an
 *                unknown status of a newer agent is shown as written)
 * @param current whether the store's {@code current} names it
 */
public record VersionView(String name, String status, boolean current, String generator, String templateVersion,
                          String model, String reason, Instant createdAt) {
}
