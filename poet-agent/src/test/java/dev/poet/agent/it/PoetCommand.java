package dev.poet.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code java -jar poet-agent.jar <command> ...} run in a folder, as an operator runs it. */
final class PoetCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and its exit code. */
    record Result(String command, int code, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON from " + command + ": " + out + err, e);
            }
        }

        @Override
        public String toString() {
            return command + " -> " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    private PoetCommand() {
    }

    /** Runs the command line with {@code args} in {@code dir}. */
    static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-jar",
                AgentJvm.agentJar().toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", args) + " did not finish within 120 s");
            }
            return new Result(String.join(" ", args), p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
