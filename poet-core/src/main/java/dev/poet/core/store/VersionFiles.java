package dev.poet.core.store;

/** The file names inside a version folder and a method folder under {@code <poet.home>/methods/}. */
final class VersionFiles {

    static final String SOURCE = "Enhancement.java";
    static final String CLASS_BYTES = "Enhancement.class-bytes";
    static final String PARAMS = "params.json";
    static final String STATE = "state.json";
    /** Written last: its presence marks a version complete. */
    static final String METADATA = "metadata.json";
    static final String CURRENT = "current";
    static final String LOCK = ".lock";
    /** Prefix of folders being deleted: renamed first so no half-deleted {@code vN} is ever visible. */
    static final String TRASH_PREFIX = ".trash-";

    private VersionFiles() {
    }
}
