package dev.poet.core.events;

import java.io.IOException;

/** An event whose encoding exceeds {@link EventLog#MAX_EVENT_BYTES}; it was not written. */
public final class EventTooLargeException extends IOException {

    public EventTooLargeException(String type, int bytes) {
        super("event of type " + type + " is " + bytes + " bytes encoded, more than the " + EventLog.MAX_EVENT_BYTES
                + " allowed; not written");
    }
}
