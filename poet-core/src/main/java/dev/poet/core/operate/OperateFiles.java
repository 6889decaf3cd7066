package dev.poet.core.operate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.poet.core.store.AtomicFiles;
import dev.poet.core.store.MethodKey;

/**
 * Where the operator's files live under a {@code poet.home}, and the one JSON mapper they are read and written with.
 * Every write is atomic ({@link AtomicFiles}); a reader sees the old content or the new, never a mix.
 */
final class OperateFiles {

    static final String OPERATOR = "operator.json";
    static final String SELECTION = "selection.json";
    static final String STATUS = "status.json";
    static final String CHANGES = "changes";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path home;

    OperateFiles(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path home() {
        return home;
    }

    Path methodDir(MethodKey key) {
        return home.resolve("methods").resolve(key.value());
    }

    Path operator(MethodKey key) {
        return methodDir(key).resolve(OPERATOR);
    }

    Path selection() {
        return home.resolve(SELECTION);
    }

    Path status() {
        return home.resolve(STATUS);
    }

    Path changes() {
        return home.resolve(CHANGES);
    }

    /** The JSON object in {@code file}; empty when there is no such file. */
    static Optional<Map<String, Object>> readObject(Path file) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), MAP));
        } catch (JacksonException e) {
            throw new IOException(file + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    static void writeObject(Path file, Map<String, ?> value) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }

    /** Like {@link #writeObject} for a snapshot rewritten all the time: atomic, not forced to disk. */
    static void replaceObject(Path file, Map<String, ?> value) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        AtomicFiles.replace(file, JSON.writeValueAsBytes(value));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
