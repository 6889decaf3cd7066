/**
 * The agent's figures for monitoring: {@code GET /poet/metrics} in the Prometheus text and OpenMetrics formats, and
 * one JMX MBean per enhanced method. Both read the same figures at the moment they are asked for; nothing is
 * recorded twice.
 */
package dev.poet.core.metrics;
