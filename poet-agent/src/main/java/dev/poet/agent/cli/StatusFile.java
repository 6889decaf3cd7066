package dev.poet.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who wrote {@code status.json} and when: the running application rewrites it every {@code poet.operate.poll-ms},
 * so its age says whether the figures are live, and its pid whether that application still runs.
 *
 * @param at          when the application wrote it, or null when the file does not say
 * @param httpAddress where the application's HTTP server listens, or null
 */
record StatusFile(long pid, Instant at, String httpAddress) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header of {@code home/status.json}, or null when there is none. */
    static StatusFile read(Path home) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(home.resolve("status.json")));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            throw new IOException(home.resolve("status.json") + " is not a JSON object");
        }
        Instant at = null;
        JsonNode atNode = root.get("at");
        if (atNode != null && atNode.isTextual()) {
            try {
                at = Instant.parse(atNode.asText());
            } catch (DateTimeParseException e) {
                at = null;
            }
        } else if (atNode != null && atNode.isNumber()) {
            at = Instant.ofEpochMilli(atNode.asLong());
        }
        JsonNode http = root.get("http_address");
        return new StatusFile(root.path("pid").asLong(-1), at,
                http == null || http.isNull() ? null : http.asText());
    }

    /** Whether the process that wrote it still runs (as far as this machine can tell). */
    boolean writerAlive() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
