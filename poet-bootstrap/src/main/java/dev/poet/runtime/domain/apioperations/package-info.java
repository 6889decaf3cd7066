/** The {@code api_operations} domain's runtime: status normalisation, execution stamps, error shapes, retry-after. */
package dev.poet.runtime.domain.apioperations;
