package dev.poet.bench.startup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whole-process wall time of {@link StartupApp} (a fresh {@code java} process per run), N runs per mode:
 * <ul>
 *   <li>{@code none}: no agent;</li>
 *   <li>{@code agent-idle}: agent, nothing selected (the agent's fixed cost: premain, transformer, config);</li>
 *   <li>{@code fresh}: agent, eager activation, a new empty {@code poet.home} per run (render + Janino cold +
 *       audit + store, all on the first call's critical path);</li>
 *   <li>{@code reuse}: agent, eager activation, a {@code poet.home} filled by one uncounted priming run: stored
 *       bytes are audited and defined again, no Janino;</li>
 *   <li>{@code fresh-async}: agent, default (async) activation, new {@code poet.home}: the application does not
 *       wait; the daemon generator thread competes for the CPU until the process exits;</li>
 *   <li>{@code reuse-async}: agent, async activation, the primed {@code poet.home} of {@code reuse}.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar dev.poet.bench.startup.StartupHarness <poet-agent.jar> [runs] [4|30]}:
 * 4 methods of {@link InventoryService} (the default) or 30 of {@link WideService} ({@code StartupApp wide}).
 * Each run's stderr is checked: {@code reuse} runs must show every selected method active and "reused", {@code fresh}
 * runs at least one active and none reused (a fresh run's versions are logged as they are stored, which the exit's
 * bounded wait may cut short on a loaded machine; the harness says so), otherwise the harness fails.
 */
public final class StartupHarness {

    static final String INCLUDE = "dev.poet.bench.startup.InventoryService[price,total,normalize,reserve]";
    static final int METHODS = 4;

    /** The 30 methods of {@link WideService} (not {@code [*]}: that would also select its {@code exercise}). */
    static final String WIDE_INCLUDE = wideInclude();
    static final int WIDE_METHODS = 30;

    /** Which class the app loads and how many of its methods are selected. */
    record Shape(String include, int methods, List<String> appArgs) {
    }

    private static String wideInclude() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            for (char kind = 'a'; kind <= 'f'; kind++) {
                names.append(names.length() == 0 ? "" : ",").append(kind).append(String.format("%02d", i));
            }
        }
        return "dev.poet.bench.startup.WideService[" + names + "]";
    }

    private StartupHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StartupHarness <poet-agent.jar> [runs]");
            System.exit(2);
        }
        String agent = new File(args[0]).getAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int methods = args.length > 2 ? Integer.parseInt(args[2]) : METHODS;
        if (methods != METHODS && methods != WIDE_METHODS) {
            System.err.println("methods: " + METHODS + " or " + WIDE_METHODS);
            System.exit(2);
        }
        Shape shape = methods == METHODS ? new Shape(INCLUDE, METHODS, List.of())
                : new Shape(WIDE_INCLUDE, WIDE_METHODS, List.of("wide"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("poet-startup");
        String classpath = AppClasspath.extract(work.resolve("app-classes")).toString();

        // One uncounted run per mode's JVM path to warm the OS file cache (jar, JDK CDS archive).
        run(cmd(java, classpath, null, null, false, shape), null, shape);
        run(cmd(java, classpath, agent, work.resolve("warm-home"), true, shape), null, shape);

        Path reuseHome = work.resolve("reuse-home");
        // On a loaded machine the exit's bounded wait (5 s) can end before all fresh versions are stored; each
        // further priming run reuses what is stored and stores the rest.
        for (int prime = 0; prime < 5 && storedMethods(reuseHome) < shape.methods(); prime++) {
            run(cmd(java, classpath, agent, reuseHome, true, shape), null, shape);
        }
        if (storedMethods(reuseHome) < shape.methods()) {
            throw new IllegalStateException("priming stored " + storedMethods(reuseHome) + " of " + shape.methods());
        }
        String janinoTimings = timings(reuseHome);

        List<String> order = List.of("none", "agent-idle", "fresh", "reuse", "fresh-async", "reuse-async");
        long[][] times = new long[order.size()][runs];
        // Interleave the modes so that a burst of load from other builds hits all of them alike.
        for (int r = 0; r < runs; r++) {
            for (int m = 0; m < order.size(); m++) {
                String mode = order.get(m);
                List<String> command = switch (mode) {
                    case "none" -> cmd(java, classpath, null, null, false, shape);
                    case "agent-idle" -> idle(cmd(java, classpath, agent, work.resolve("idle-" + r), false, shape));
                    case "fresh" -> cmd(java, classpath, agent, work.resolve("fresh-" + r), true, shape);
                    case "reuse" -> cmd(java, classpath, agent, reuseHome, true, shape);
                    case "reuse-async" -> cmd(java, classpath, agent, reuseHome, false, shape);
                    default -> cmd(java, classpath, agent, work.resolve("async-" + r), false, shape);
                };
                times[m][r] = run(command, mode, shape);
            }
        }
        System.out.println("runs per mode: " + runs + " (interleaved), app: " + StartupApp.class.getName()
                + (shape.appArgs().isEmpty() ? "" : " " + String.join(" ", shape.appArgs())) + ", " + shape.methods() + " configured methods in one class");
        System.out.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s %10s%n", "mode", "min", "median", "p90", "max",
                "median-Δ");
        double baseline = percentile(times[0], 50);
        for (int m = 0; m < order.size(); m++) {
            double median = percentile(times[m], 50);
            System.out.printf(Locale.ROOT, "%-12s %8.0f %8.0f %8.0f %8.0f %+10.0f   (ms)%n", order.get(m),
                    percentile(times[m], 0), median, percentile(times[m], 90), percentile(times[m], 100),
                    median - baseline);
        }
        for (int m = 0; m < order.size(); m++) {
            System.out.println("raw " + order.get(m) + " ms: " + Arrays.toString(times[m]));
        }
        System.out.println("stored timings of the priming run (per method, ms, as recorded in metadata.json):");
        System.out.println(janinoTimings);
    }

    /** The agent with nothing selected: its fixed start-up cost. */
    static List<String> idle(List<String> command) {
        command.removeIf(a -> a.startsWith("-Dpoet.methods.include="));
        return command;
    }

    static List<String> cmd(String java, String classpath, String agent, Path home, boolean eager, Shape shape) {
        List<String> c = new ArrayList<>(List.of(java, "-Xshare:auto"));
        if (agent != null) {
            c.add("-javaagent:" + agent);
            c.add("-Dpoet.home=" + home);
            c.add("-Dpoet.methods.include=" + shape.include());
            c.add("-Dpoet.summary=false");
            if (eager) {
                c.add("-Dpoet.activation=eager");
            }
        }
        c.add("-cp");
        c.add(classpath);
        c.add(StartupApp.class.getName());
        c.addAll(shape.appArgs());
        return c;
    }

    /** Runs one process to completion and returns its wall time in ms; checks its output for {@code mode}. */
    static long run(List<String> command, String mode, Shape shape) throws IOException, InterruptedException {
        Path err = Files.createTempFile("poet-startup", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        if (code != 0) {
            throw new IllegalStateException("run failed (" + code + "): " + command + "\n" + stderr);
        }
        if (stderr.contains("[poet] ERROR")) {
            throw new IllegalStateException("agent reported an error: " + command + "\n" + stderr);
        }
        if (mode != null && !mode.equals("none") && !mode.endsWith("-async") && !mode.equals("agent-idle")) {
            long active = stderr.lines().filter(l -> l.contains(": enhancement ") && l.contains(" active")).count();
            long reused = stderr.lines().filter(l -> l.contains("reused from")).count();
            // A fresh run's "active" lines are logged as its versions are stored: the exit's bounded wait may cut
            // that short on a loaded machine, so a fresh run needs at least one; a reuse run needs every method.
            boolean ok = mode.equals("reuse") ? active == shape.methods() && reused == shape.methods()
                    : active >= 1 && active <= shape.methods() && reused == 0;
            if (ok && active < shape.methods()) {
                System.err.println(mode + ": " + active + " of " + shape.methods() + " versions stored before exit");
            }
            if (!ok) {
                throw new IllegalStateException(mode + ": expected " + shape.methods() + " active ("
                        + (mode.equals("reuse") ? "reused" : "fresh") + "), got active=" + active + " reused="
                        + reused + "\n" + stderr);
            }
        }
        return ms;
    }

    /** Methods with a {@code current} version in {@code home}. */
    static long storedMethods(Path home) throws IOException {
        Path methods = home.resolve("methods");
        if (!Files.isDirectory(methods)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(methods)) {
            return dirs.filter(d -> Files.exists(d.resolve("current"))).count();
        }
    }

    static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        if (p <= 0) {
            return sorted[0];
        }
        if (p == 50) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }
        // nearest rank
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String timings(Path home) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(home.resolve("methods"))) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.getFileName().toString().equals("metadata.json"))
                    .sorted()::iterator) {
                String json = Files.readString(f, StandardCharsets.UTF_8);
                int i = json.indexOf("\"timingsMs\"");
                String t = i < 0 ? "(no timings)" : json.substring(i, Math.min(json.length(), json.indexOf('}', i) + 1));
                out.append("  ").append(home.relativize(f)).append(": ").append(t.replaceAll("\\s+", " ")).append('\n');
            }
        }
        return out.toString();
    }
}
