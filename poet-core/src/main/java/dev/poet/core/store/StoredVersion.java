package dev.poet.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One complete stored version of a method's enhancement. The metadata is read when this object is made; the
 * source and class bytes are read from disk on first use (most lookups only need metadata) and then kept.
 */
public final class StoredVersion {

    private final MethodKey key;
    private final int number;
    private final Path directory;
    private final VersionMetadata metadata;
    private volatile ClassBytes classBytes;

    StoredVersion(MethodKey key, int number, Path directory, VersionMetadata metadata) {
        this.key = key;
        this.number = number;
        this.directory = directory;
        this.metadata = metadata;
    }

    /** The method this version belongs to. */
    public MethodKey key() {
        return key;
    }

    /** The version name, e.g. {@code v3}. */
    public String name() {
        return "v" + number;
    }

    /** The version number, from 1. */
    public int number() {
        return number;
    }

    /** The version folder. */
    public Path directory() {
        return directory;
    }

    /** The metadata as read when this object was made. */
    public VersionMetadata metadata() {
        return metadata;
    }

    /** The enhancement's Java source ({@code Enhancement.java}). */
    public String source() throws IOException {
        return Files.readString(directory.resolve(VersionFiles.SOURCE), StandardCharsets.UTF_8);
    }

    /**
     * The compiled classes ({@code Enhancement.class-bytes}).
     *
     * @throws CorruptStoreFileException when the file fails its checksum or format checks
     */
    public ClassBytes classBytes() throws IOException {
        ClassBytes cb = classBytes;
        if (cb == null) {
            Path file = directory.resolve(VersionFiles.CLASS_BYTES);
            cb = ClassBytes.fromByteArray(Files.readAllBytes(file), file.toString());
            classBytes = cb;
        }
        return cb;
    }

    @Override
    public String toString() {
        return key + "/" + name() + (metadata.status() == null ? "" : " " + metadata.status().jsonName());
    }
}
