/**
 * The bridge side of the application facade ({@code dev.poet.api}): the facade finds {@link
 * dev.poet.bridge.facade.FacadeBridge} by name on the bootstrap class path and calls it through JDK types only,
 * since the bridge cannot see the facade's classes and the facade must not depend on the agent. The engine installs
 * the {@link dev.poet.bridge.facade.FeedbackHandler} at start-up. Generated code may use none of this package.
 */
package dev.poet.bridge.facade;
