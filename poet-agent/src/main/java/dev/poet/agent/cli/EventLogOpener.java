package dev.poet.agent.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

import dev.poet.core.events.EventLog;

/** Opens the event store under {@code poet.home/events} for reading. */
@FunctionalInterface
public interface EventLogOpener {

    /** The local store's read-only view, which works while the application's JVM writes to it. */
    EventLogOpener LOCAL = LocalReader::open;

    EventLog open(Path eventsDir) throws IOException;

    /** {@code LocalEventLog.openReader(Path)}, found by name so this command builds before the store does. */
    final class LocalReader {
        static final String STORE = "dev.poet.core.events.store.LocalEventLog";

        private LocalReader() {
        }

        static EventLog open(Path eventsDir) throws IOException {
            try {
                Class<?> store = Class.forName(STORE, true, LocalReader.class.getClassLoader());
                return (EventLog) store.getMethod("openReader", Path.class).invoke(null, eventsDir);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException("cannot read " + eventsDir + ": " + cause, cause);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IOException("this agent has no local event store reader (" + e + ")", e);
            }
        }
    }
}
