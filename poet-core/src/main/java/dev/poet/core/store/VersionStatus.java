package dev.poet.core.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The life-cycle state of a stored version; written in lower case in {@code metadata.json}, e.g.
 * {@code awaiting_review}.
 *
 * <p>Which may be made current is {@link #activatable()}: a version that failed a gate, was rolled back or waits
 * for a reviewer needs a named operation that changes its status first (an approval, say), never a plain
 * activation. A status this agent does not know (written by a newer one sharing the {@code .poet}) is not an enum
 * constant at all: see {@link VersionMetadata#understood()}.
 */
public enum VersionStatus {
    /** Stored and passed every gate, not yet made current; may be activated. */
    CANDIDATE,
    /** Passed every gate and waits for a reviewer's approval; not activated until approved. */
    AWAITING_REVIEW,
    /** Takes a share of live calls beside the current version while it is evaluated. */
    CANARY,
    /** The version {@code current} names and calls run through. */
    ACTIVE,
    /** Was active, replaced by a newer version; may be reused or rolled back to. */
    SUPERSEDED,
    /** Failed audit or verification; never activated, never reused. */
    REJECTED,
    /** Failed too often at run time ({@code poet.quarantine.failures}); never reused. */
    QUARANTINED,
    /** Was active or canary and was undone because it made things worse; not activated again by itself. */
    ROLLED_BACK;

    /** Whether a version in this state may be made current (or reused on restart) without changing its status first. */
    public boolean activatable() {
        switch (this) {
            case CANDIDATE:
            case CANARY:
            case ACTIVE:
            case SUPERSEDED:
                return true;
            default:
                return false;
        }
    }

    /** The JSON form, e.g. {@code "active"}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the JSON form, case-insensitively.
     *
     * @throws IllegalArgumentException for a name this agent does not know
     */
    @JsonCreator
    public static VersionStatus fromJson(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
