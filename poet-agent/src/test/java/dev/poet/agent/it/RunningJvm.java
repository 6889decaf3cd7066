package dev.poet.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test application still running in its own JVM: its output as it comes, its stdin, and a real SIGKILL.
 * {@link #stop()} closes stdin (the test applications exit when it closes) and waits; the finished run is
 * recorded for {@link SuppressedErrorCheck} like {@link AgentJvm#run()}'s.
 */
public final class RunningJvm implements AutoCloseable {

    private static final long STOP_SECONDS = 60;

    private final String description;
    private final Process process;
    private final Path workDir;
    private final boolean withAgent;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    RunningJvm(String description, Process process, Path workDir, boolean withAgent) {
        this.description = description;
        this.process = process;
        this.workDir = workDir;
        this.withAgent = withAgent;
        this.outReader = pump(process.getInputStream(), stdout, "stdout");
        this.errReader = pump(process.getErrorStream(), stderr, "stderr");
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        return stderr.toString();
    }

    /** Waits until a line of stdout passes {@code test}; returns it. */
    public String awaitLine(Predicate<String> test, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            for (String line : stdout.toString().split("\n")) {
                if (test.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the application exited before printing the awaited line\n" + this);
            }
            sleep(20);
        }
        throw new AssertionError("no awaited line within " + timeoutMs + " ms\n" + this);
    }

    /** Waits until stdout contains {@code text}. */
    public String awaitOutput(String text, long timeoutMs) {
        return awaitLine(line -> line.contains(text), timeoutMs);
    }

    /** Writes a line to the application's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the JVM gets no chance to run shutdown hooks or flush anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes stdin and waits for a normal exit; the run is checked for suppressed errors. */
    public JvmRun stop() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed.
        }
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not stop within " + STOP_SECONDS + " s\n" + this);
            }
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JvmRun run = new JvmRun(description, process.exitValue(), stdout(), stderr());
        SuppressedErrorCheck.record(run, withAgent);
        return run;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return description + (process.isAlive() ? " (running)" : " exited " + process.exitValue())
                + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }

    private static Thread pump(java.io.InputStream stream, StringBuffer into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // The process went away.
            }
        }, "it-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
