/**
 * Events: the schema every reader sees ({@link dev.poet.core.events.Event}, its JSON form
 * {@link dev.poet.core.events.EventJson}), the type names, and the log they are written to
 * ({@link dev.poet.core.events.EventLog}).
 */
package dev.poet.core.events;
