package dev.poet.core.operate;

import java.util.Map;

/**
 * One stored version in full.
 *
 * @param metadata the version's {@code metadata.json} as read (unknown fields kept)
 * @param audit    the audit record: verdict and findings
 * @param params   the version's {@code params.json}
 */
public record VersionDetail(VersionView version, String source, Map<String, Object> metadata,
                            Map<String, Object> audit, Map<String, Object> params) {
}
