/**
 * The on-disk version store under {@code <poet.home>/methods/}: per method
 * ({@link dev.poet.core.store.MethodKey}), numbered versions holding source, compiled classes
 * ({@link dev.poet.core.store.ClassBytes}), parameters, learning state and {@link dev.poet.core.store.VersionMetadata}, plus a {@code current} pointer. Writes are atomic and
 * coordinated across threads and JVMs by {@link dev.poet.core.store.VersionStore}.
 */
package dev.poet.core.store;
