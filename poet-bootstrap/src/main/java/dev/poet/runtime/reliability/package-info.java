/**
 * The reliability wiring every domain template shares: one {@link dev.poet.runtime.reliability.Reliability} per
 * method puts retry, retry budget, circuit breaker and per-attempt deadline together from the method's current
 * parameters, so a template's Operate′ is one call and a parameter swap reaches all of them.
 */
package dev.poet.runtime.reliability;
