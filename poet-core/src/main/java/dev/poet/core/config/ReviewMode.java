package dev.poet.core.config;

/** Whether a new enhancement version runs at once or waits for approval ({@code poet.review}; default {@link #AUTO}). */
public enum ReviewMode {
    /** A new version that passed audit and verification is activated. */
    AUTO,
    /** A new version is stored as {@code awaiting_review} and runs only once approved. */
    MANUAL
}
