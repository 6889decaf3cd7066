package dev.poet.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a test application in a new JVM, with {@code -javaagent:poet-agent.jar} as a user would, or without it
 * for comparison. Every run is recorded so that {@link SuppressedErrorCheck} can fail a test in which the agent
 * suppressed an error.
 */
public final class AgentJvm {

    private static final long TIMEOUT_SECONDS = 120;

    private String mainClass;
    private Path javaHome = Paths.get(System.getProperty("java.home"));
    private boolean withAgent = true;
    private String agentArgs;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> extraClassPath = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private Path workDir;

    private AgentJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    public static AgentJvm of(Class<?> main) {
        return new AgentJvm(main.getName());
    }

    /** The agent jar built by this module. */
    public static Path agentJar() {
        return Paths.get(System.getProperty("poet.agent.jar", "target/poet-agent.jar")).toAbsolutePath();
    }

    /** Runs another main class (one not on the test class path, say, with {@link #classPath}). */
    public AgentJvm mainClass(String name) {
        this.mainClass = name;
        return this;
    }

    public AgentJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    public AgentJvm agentArgs(String args) {
        this.agentArgs = args;
        return this;
    }

    public AgentJvm property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public AgentJvm classPath(String entry) {
        extraClassPath.add(entry);
        return this;
    }

    public AgentJvm args(String... args) {
        programArgs.addAll(List.of(args));
        return this;
    }

    public AgentJvm javaHome(Path home) {
        this.javaHome = home;
        return this;
    }

    /** The working directory ({@code ./agent.properties} and {@code ./.poet} live there); a fresh one by default. */
    public AgentJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /**
     * Starts the application and returns at once, for tests that talk to it while it runs (HTTP) or kill it
     * (SIGKILL). Its output is collected as it comes.
     */
    public RunningJvm start() {
        try {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("poet-it");
            List<String> command = command();
            Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
            return new RunningJvm(String.join(" ", command), process, dir, withAgent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("-Xshare:auto");
        if (withAgent) {
            command.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        }
        if ("eager".equals(properties.get("poet.activation"))) {
            // Tests count enhanced calls exactly: on a loaded 2-core machine the default 5 s wait for the
            // first activation (cold Janino, verification) could run out and let a call take the original.
            properties.putIfAbsent("poet.activation.timeout-ms", "60000");
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(programArgs);
        return command;
    }

    public JvmRun run() {
        try {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("poet-it");
            List<String> command = command();
            Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(mainClass + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            JvmRun run = new JvmRun(String.join(" ", command), process.exitValue(), out.get(), err.get());
            SuppressedErrorCheck.record(run, withAgent);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("could not run " + mainClass, e);
        }
    }

    private String classPath() {
        List<String> entries = new ArrayList<>(extraClassPath);
        entries.add(System.getProperty("poet.test.classes", "target/test-classes"));
        entries.add(codeSource(dev.poet.api.Poet.class));
        return String.join(File.pathSeparator, entries);
    }

    static String codeSource(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("no code source for " + type, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
