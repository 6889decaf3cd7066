/**
 * Drift statistics for the {@code ml_monitoring} domain: the two-sample Kolmogorov–Smirnov test, the population
 * stability index, the Kullback–Leibler divergence, adaptive windowing and a seasonal baseline.
 *
 * <p>Written by hand rather than taken from Apache Commons Statistics: this package goes onto the bootstrap class
 * path with the rest of {@code dev.poet.runtime}, which must stay free of third-party classes (a relocated copy
 * would add ~1 MB and a shading step to the bridge jar). The tests compare every value with Commons Statistics
 * ({@code KolmogorovSmirnovTest}) or with values computed independently.
 */
package dev.poet.runtime.stats;
