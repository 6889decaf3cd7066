package dev.poet.core.config;

/** How instances of one service share state ({@code poet.fleet}; default {@link #LOCAL}). */
public enum Fleet {
    /** Through the {@code poet.home} directory only. */
    LOCAL,
    /** Through Kafka topics configured by {@code poet.kafka.*}. */
    KAFKA
}
