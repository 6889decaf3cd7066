package dev.poet.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.poet.sample.story.StoryRun;

/**
 * Runs the sample's story twice — in a JVM without the agent and in one with it — and prints what the callers saw
 * and what the ground truth says, side by side. The with-agent JVM stays up afterwards (its dashboard with it)
 * until Enter is pressed.
 *
 * <p>Flags: {@code --short} (about 20 s instead of a minute), {@code --no-wait} (stop at once instead of waiting
 * for Enter), {@code --agent JAR} (default: the {@code -javaagent} this JVM was started with, else
 * {@code poet-agent/target/poet-agent.jar}), {@code --config FILE} (default: {@code ./agent.properties}, else the
 * one at the repository root), {@code --run-dir DIR} (default: {@code story/} beside the sample's jar; emptied at
 * start), {@code --seed N} (2).
 */
public final class SampleService {

    static final int CHECKS = 480;
    /** Train runs once per this many drift checks, as in the measured scenario. */
    static final int CHECKS_PER_TRAIN_RUN = 40;

    private SampleService() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = false;
        boolean wait = true;
        Path agent = null;
        Path config = null;
        Path runDir = null;
        long seed = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> shortRun = true;
                case "--no-wait" -> wait = false;
                case "--agent" -> agent = Paths.get(args[++i]);
                case "--config" -> config = Paths.get(args[++i]);
                case "--run-dir" -> runDir = Paths.get(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar sample-app.jar [--short] [--no-wait] [--agent JAR]"
                            + " [--config FILE] [--run-dir DIR] [--seed N]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        Path self = Paths.get(SampleService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repo = self.toAbsolutePath().getParent() == null ? null
                : self.toAbsolutePath().getParent().getParent() == null ? null
                : self.toAbsolutePath().getParent().getParent().getParent();
        String ownAgent = ownAgent();
        if (agent == null) {
            agent = ownAgent != null ? Paths.get(ownAgent) : firstExisting(
                    Paths.get("poet-agent/target/poet-agent.jar"),
                    repo == null ? null : repo.resolve("poet-agent/target/poet-agent.jar"));
        }
        if (config == null) {
            config = firstExisting(Paths.get("agent.properties"), repo == null ? null : repo.resolve("agent.properties"));
        }
        if (agent == null || !Files.isRegularFile(agent)) {
            System.err.println("no agent jar found (" + agent + "): build it with mvn -B -q package -DskipTests,"
                    + " or name it with --agent JAR");
            System.exit(2);
        }
        if (config == null || !Files.isRegularFile(config)) {
            System.err.println("no agent.properties found: run from the repository root or name it with --config FILE");
            System.exit(2);
        }
        if (runDir == null) {
            runDir = (Files.isDirectory(self) ? self.getParent() : self.toAbsolutePath().getParent()).resolve("story");
        }
        if (ownAgent != null) {
            System.out.println("(this JVM needs no agent: the story starts its own two JVMs, one with " + shown(agent)
                    + " and one without)");
        }
        int trainMs = shortRun ? 1_600 : 4_000;
        int quotes = shortRun ? 600 : 1_600;
        System.exit(new SampleService.Story(self, agent.toAbsolutePath(), config.toAbsolutePath(),
                runDir.toAbsolutePath(), seed, trainMs, quotes, wait).run());
    }

    /** The two runs and the report. */
    static final class Story {
        private final Path classPath;
        private final Path agent;
        private final Path config;
        private final Path runDir;
        private final long seed;
        private final int trainMs;
        private final int quotes;
        private final boolean wait;

        Story(Path classPath, Path agent, Path config, Path runDir, long seed, int trainMs, int quotes,
              boolean wait) {
            this.classPath = classPath;
            this.agent = agent;
            this.config = config;
            this.runDir = runDir;
            this.seed = seed;
            this.trainMs = trainMs;
            this.quotes = quotes;
            this.wait = wait;
        }

        int run() throws Exception {
            deleteTree(runDir);
            Path home = runDir.resolve("poet-home");
            Files.createDirectories(home);
            long tick = trainMs / CHECKS_PER_TRAIN_RUN;
            System.out.printf(Locale.ROOT, "POET sample: a quote API over a flaky price service, a loan desk and a"
                    + " drift monitor of a seasonal metric,%nrun twice at once: in a JVM without the agent and in one"
                    + " with it (%d drift checks, Train every %d ms, seed %d; about %d s).%n%n", CHECKS, trainMs,
                    seed, CHECKS * tick / 1000 + 8);
            Path withoutOut = runDir.resolve("without.properties");
            Path withOut = runDir.resolve("with.properties");
            List<String> common = List.of("--checks", Integer.toString(CHECKS), "--quotes", Integer.toString(quotes),
                    "--seed", Long.toString(seed));
            List<String> without = new ArrayList<>(List.of(java(), "-cp", classPath.toString(),
                    StoryRun.class.getName(), "--out", withoutOut.toString()));
            without.addAll(common);
            List<String> with = new ArrayList<>(List.of(java(), "-javaagent:" + agent,
                    "-Dpoet.config=" + config, "-Dpoet.home=" + home,
                    // any free port: its address is written to poet.home/http.address
                    "-Dpoet.http.port=0",
                    // the operator labels up to one check in two; the default limit is meant for strangers
                    "-Dpoet.http.rate-limit-per-second=500",
                    "-Dpoet.train.interval-ms=" + trainMs,
                    // a change is judged at the next run, not a coin toss between the next and the one after
                    "-Dpoet.train.watch-window-ms=" + trainMs * 3 / 4,
                    "-cp", classPath.toString(), StoryRun.class.getName(), "--out", withOut.toString(),
                    "--tick-ms", Long.toString(tick), "--label", "--hold"));
            with.addAll(common);
            Process plain = new ProcessBuilder(without).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("without.log").toFile()).start();
            Process enhanced = new ProcessBuilder(with).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("with.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (!(Files.exists(withoutOut) && Files.exists(withOut))) {
                    if (!plain.isAlive() && !Files.exists(withoutOut)) {
                        return died("without the agent", runDir.resolve("without.log"));
                    }
                    if (!enhanced.isAlive() && !Files.exists(withOut)) {
                        return died("with the agent", runDir.resolve("with.log"));
                    }
                    if (System.nanoTime() > deadline) {
                        System.err.println("the runs took over 5 minutes; logs in " + runDir);
                        return 1;
                    }
                    Thread.sleep(100);
                }
                plain.waitFor(30, TimeUnit.SECONDS);
                Properties a = load(withoutOut);
                Properties b = load(withOut);
                report(a, b, home);
                String address = address(home);
                if (address != null) {
                    System.out.println();
                    System.out.println("Dashboard: " + address + "/poet/");
                }
                System.out.println("Event log: java -jar " + shown(agent) + " events --home " + shown(home));
                System.out.println("Logs:      " + shown(runDir.resolve("without.log")) + ", "
                        + shown(runDir.resolve("with.log")));
                if (wait) {
                    System.out.println();
                    System.out.println("Press Enter to stop the with-agent JVM (and its dashboard).");
                    while (true) {
                        int c = System.in.read();
                        if (c < 0 || c == '\n') {
                            break;
                        }
                    }
                }
            } finally {
                try (OutputStream stdin = enhanced.getOutputStream()) {
                    stdin.write('\n');
                } catch (IOException gone) {
                    // it ended already
                }
                if (!enhanced.waitFor(30, TimeUnit.SECONDS)) {
                    enhanced.destroy();
                }
                plain.destroy();
            }
            List<String> summary = new ArrayList<>();
            for (String line : Files.readAllLines(runDir.resolve("with.log"), StandardCharsets.UTF_8)) {
                if (line.contains("[poet] summary") || line.startsWith("[poet]   dev.poet.sample")) {
                    summary.add(line);
                }
            }
            if (!summary.isEmpty()) {
                System.out.println();
                System.out.println("The agent's own summary at exit:");
                summary.forEach(System.out::println);
            }
            return 0;
        }

        private static int died(String which, Path log) throws IOException {
            System.err.println("the run " + which + " ended without results; the end of " + log + ":");
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.err::println);
            return 1;
        }
    }

    static void report(Properties a, Properties b, Path home) throws IOException {
        String f = "  %-44s %-24s %s%n";
        System.out.printf(Locale.ROOT, f, "", "without the agent", "with the agent");
        System.out.println("Quote API (api_operations via agent.properties, optimize-for=latency)");
        System.out.printf(Locale.ROOT, f, "calls, by third", thirds(a, "quotes.calls"), thirds(b, "quotes.calls"));
        System.out.printf(Locale.ROOT, f, "failures the callers saw, by third", thirds(a, "quotes.transient_failures"),
                thirds(b, "quotes.transient_failures"));
        System.out.printf(Locale.ROOT, f, "p99 ms the callers saw, by third", thirds(a, "quotes.p99_ms"),
                thirds(b, "quotes.p99_ms"));
        System.out.println("Loan scoring (financial_risk via agent.properties)");
        System.out.printf(Locale.ROOT, f, "applications / with impossible inputs",
                a.getProperty("loans.applications") + " / " + a.getProperty("loans.impossible_sent"),
                b.getProperty("loans.applications") + " / " + b.getProperty("loans.impossible_sent"));
        System.out.printf(Locale.ROOT, f, "impossible inputs that reached the scorer",
                a.getProperty("loans.impossible_scored"), b.getProperty("loans.impossible_scored"));
        System.out.printf(Locale.ROOT, f, "caught: rejected / repaired",
                a.getProperty("loans.impossible_rejected") + " / " + a.getProperty("loans.impossible_repaired"),
                b.getProperty("loans.impossible_rejected") + " / " + b.getProperty("loans.impossible_repaired"));
        System.out.println("Drift monitor (ml_monitoring via @Poet, optimize-for=alert_quality)");
        System.out.printf(Locale.ROOT, f, "alerts, by third", thirds(a, "drift.alerts"), thirds(b, "drift.alerts"));
        System.out.printf(Locale.ROOT, f, "false positives, by third", thirds(a, "drift.false_alerts"),
                thirds(b, "drift.false_alerts"));
        System.out.printf(Locale.ROOT, f, "false-positive rate, by third", rates(a), rates(b));
        System.out.printf(Locale.ROOT, f, "real drifts with no alert, by third",
                thirds(a, "drift.drifts_without_alert") + " of " + thirds(a, "drift.drifts"),
                thirds(b, "drift.drifts_without_alert") + " of " + thirds(b, "drift.drifts"));
        System.out.printf(Locale.ROOT, f, "checks that missed a drift, by third",
                thirds(a, "drift.checks_that_missed"), thirds(b, "drift.checks_that_missed"));
        System.out.printf(Locale.ROOT, f, "labels the operator sent", a.getProperty("feedback.sent"),
                b.getProperty("feedback.sent") + refused(b));
        System.out.println();
        System.out.println("What the agent learned and generated (" + shown(home.resolve("methods")) + "):");
        Path methods = home.resolve("methods");
        if (!Files.isDirectory(methods)) {
            System.out.println("  nothing: no method was enhanced (see with.log)");
            return;
        }
        try (Stream<Path> dirs = Files.list(methods)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                System.out.println("  " + shortName(dir.getFileName().toString()));
                System.out.println("    versions: " + versions(dir));
                System.out.println("    learned:  " + learned(dir));
            }
        }
    }

    private static String refused(Properties p) {
        String n = p.getProperty("feedback.refused", "0");
        return "0".equals(n) ? "" : " (" + n + " refused: " + p.getProperty("feedback.last_refusal") + ")";
    }

    private static String thirds(Properties p, String key) {
        return p.getProperty(key + ".1") + " / " + p.getProperty(key + ".2") + " / " + p.getProperty(key + ".3");
    }

    private static String rates(Properties p) {
        StringBuilder s = new StringBuilder();
        for (int t = 1; t <= 3; t++) {
            int alerts = Integer.parseInt(p.getProperty("drift.alerts." + t, "0"));
            int fa = Integer.parseInt(p.getProperty("drift.false_alerts." + t, "0"));
            s.append(t > 1 ? " / " : "").append(String.format(Locale.ROOT, "%.2f", alerts == 0 ? 0.0
                    : (double) fa / alerts));
        }
        return s.toString();
    }

    private static String shortName(String key) {
        String[] parts = key.split("~");
        String cls = parts[0].substring(parts[0].lastIndexOf('.') + 1);
        return parts.length > 1 ? cls + "." + parts[1] : key;
    }

    private static String versions(Path dir) throws IOException {
        TreeMap<Integer, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(x -> x.getFileName().toString()).filter(n -> n.matches("v[0-9]+"))
                    .forEach(n -> found.put(Integer.parseInt(n.substring(1)), n));
        }
        Path current = dir.resolve("current");
        String active = Files.isRegularFile(current) ? Files.readString(current).trim() : "none";
        return (found.isEmpty() ? "none" : String.join(", ", found.values())) + " (active: " + active + ")";
    }

    private static final Pattern VALUES = Pattern.compile("\"values\"\\s*:\\s*\\{([^}]*)}");

    private static String learned(Path dir) throws IOException {
        Path file = dir.resolve("learned.json");
        if (!Files.isRegularFile(file)) {
            return "nothing (no optimize-for, or not enough evidence yet)";
        }
        String json = Files.readString(file);
        Matcher m = VALUES.matcher(json);
        if (!m.find() || m.group(1).isBlank()) {
            return "nothing yet";
        }
        return m.group(1).replaceAll("\\s+", "").replace("\"", "").replace(",", ", ").replace(":", "=");
    }

    private static String address(Path home) {
        try {
            String a = Files.readString(home.resolve("http.address")).trim();
            return a.isEmpty() ? null : a.replaceAll("/+$", "");
        } catch (IOException e) {
            return null;
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The agent jar this JVM was started with, if any. */
    private static String ownAgent() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:")) {
                String v = arg.substring("-javaagent:".length());
                int eq = v.indexOf('=');
                return eq < 0 ? v : v.substring(0, eq);
            }
        }
        return null;
    }

    /** {@code p} relative to the working directory when it lies inside it: what a newcomer can type. */
    static Path shown(Path p) {
        Path cwd = Paths.get("").toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs;
    }

    private static Path firstExisting(Path... candidates) {
        for (Path c : candidates) {
            if (c != null && Files.exists(c)) {
                return c;
            }
        }
        return null;
    }

    static final String MARKER = ".sample-story";

    /** Empties a run folder of an earlier story; refuses any other non-empty folder. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(MARKER));
            return;
        }
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
            throw new IOException(dir + " is not empty and was not made by the sample: name another --run-dir");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve(MARKER))) {
            Files.createFile(dir.resolve(MARKER));
        }
    }
}
