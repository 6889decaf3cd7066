package dev.poet.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads events the way people do: {@code java -jar poet-agent.jar events --home DIR --json [filters]}, one JSON
 * object per line. The one way these tests look at what the agent recorded.
 */
final class EventsCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsCli() {
    }

    /** The events under {@code home} matching {@code filters} ({@code --type}, {@code --execution}, ...). */
    static List<JsonNode> read(Path home, String... filters) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                AgentJvm.agentJar().toString(), "events", "--home", home.toString(), "--json"));
        command.addAll(List.of(filters));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("events command failed (" + p.exitValue() + "): " + err);
            }
            List<JsonNode> events = new ArrayList<>();
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
