package dev.poet.core.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The life-cycle state of a stored version; written in lower case in {@code metadata.json}. */
public enum VersionStatus {
    /** The version {@code current} names and calls run through. */
    ACTIVE,
    /** Failed audit or verification; never activated, never reused. */
    REJECTED,
    /** Failed too often at run time ({@code poet.quarantine.failures}); never reused. */
    QUARANTINED,
    /** Was active, replaced by a newer version; may be reused or rolled back to. */
    SUPERSEDED;

    /** The JSON form, e.g. {@code "active"}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON form, case-insensitively. */
    @JsonCreator
    public static VersionStatus fromJson(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
