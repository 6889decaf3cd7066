/** The {@code ml_monitoring} domain's runtime: sample cleaning, data quality, drift statistics on results. */
package dev.poet.runtime.domain.mlmonitoring;
