package dev.poet.agent.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.poet.core.events.EventLog;
import dev.poet.core.events.store.LocalEventLog;

/** Opens the event store under {@code poet.home/events} for reading. */
@FunctionalInterface
public interface EventLogOpener {

    /** The local store's read-only view, which works while the application's JVM writes to it. */
    EventLogOpener LOCAL = LocalEventLog::openReader;

    EventLog open(Path eventsDir) throws IOException;
}
