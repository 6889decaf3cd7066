package dev.poet.bench.scale;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates a utility class with {@code names × 8} overloaded static methods, compiles it with javax.tools into
 * a temp folder and runs {@link ScaleChild} under the agent with every method selected
 * ({@code poet.methods.include=<class>[*]}) and eager activation: first on an empty {@code poet.home} (one
 * Janino unit for the whole class), then again on the same home (stored versions reused).
 * Usage: {@code java -cp benchmarks.jar dev.poet.bench.scale.ScaleHarness <poet-agent.jar> [names=50] [timeoutMs] [homeBaseDir]}.
 */
public final class ScaleHarness {

    static final String PACKAGE = "dev.poet.bench.scale.gen";
    static final String SIMPLE = "BigUtil";

    private ScaleHarness() {
    }

    public static void main(String[] args) throws Exception {
        String agent = new File(args[0]).getAbsolutePath();
        int names = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long timeoutMs = args.length > 2 ? Long.parseLong(args[2]) : 120_000;
        // Optional: the folder poet.home is created in (e.g. /dev/shm, where fsync costs nothing), to separate
        // the store's disk cost from the rest of the pipeline.
        Path homeBase = args.length > 3 ? Path.of(args[3]) : null;
        int methods = names * 8;
        Path work = Files.createTempDirectory("poet-scale");
        Path src = work.resolve("src/" + PACKAGE.replace('.', '/') + "/" + SIMPLE + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source(names), StandardCharsets.UTF_8);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-g", "-parameters", "-d", classes.toString(), src.toString()) != 0) {
            throw new IllegalStateException("generated source does not compile: " + src);
        }
        String className = PACKAGE + "." + SIMPLE;
        System.out.println("generated " + className + " with " + methods + " methods (" + names
                + " names x 8 overloads) in " + classes);
        Path home = homeBase == null ? work.resolve("home") : Files.createTempDirectory(homeBase, "poet-scale-home");
        System.out.println("poet.home: " + home);
        Path appClasses = dev.poet.bench.startup.AppClasspath.extract(work.resolve("app-classes"));
        for (String phase : List.of("fresh", "reuse")) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agent,
                    "-Dpoet.home=" + home,
                    "-Dpoet.activation=eager",
                    "-Dpoet.activation.timeout-ms=" + timeoutMs,
                    "-Dpoet.methods.include=" + className + "[*]",
                    "-Dpoet.summary=true",
                    "-cp", appClasses + File.pathSeparator + classes,
                    ScaleChild.class.getName(), className, Integer.toString(methods), Long.toString(timeoutMs)));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            long wall = (System.nanoTime() - start) / 1_000_000;
            System.out.println("== " + phase + " (exit " + code + ", process wall " + wall + " ms)");
            long activeLines = out.lines().filter(l -> l.contains(": enhancement ") && l.contains(" active")).count();
            long summaryLines = out.lines().filter(l -> l.startsWith("[poet]   ") && l.contains("calls=")).count();
            out.lines().filter(l -> l.startsWith("scale.") || (l.startsWith("[poet]") && !l.contains(": enhancement ")
                    && !l.startsWith("[poet]   ")) || l.contains("Exception") || l.contains("Error"))
                    .limit(60).forEach(l -> System.out.println("  " + l));
            System.out.println("  'enhancement ... active' log lines: " + activeLines + "; summary lines: " + summaryLines);
        }
        System.out.println("stored: " + count(home.resolve("methods"), "metadata.json") + " metadata.json, "
                + size(home) / 1024 + " KiB under poet.home");
        try (Stream<Path> files = Files.walk(home.resolve("methods"))) {
            files.filter(f -> f.getFileName().toString().equals("metadata.json")).sorted().limit(2).forEach(f -> {
                try {
                    String json = Files.readString(f, StandardCharsets.UTF_8);
                    int i = json.indexOf("\"timingsMs\"");
                    System.out.println("  " + home.relativize(f) + " timings: "
                            + (i < 0 ? "-" : json.substring(i, json.indexOf('}', i) + 1).replaceAll("\\s+", " ")));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }

    static String source(int names) {
        StringBuilder s = new StringBuilder("package " + PACKAGE + ";\n\npublic final class " + SIMPLE + " {\n");
        for (int n = 0; n < names; n++) {
            String f = "f" + n;
            s.append("  public static int ").append(f).append("(int a) { return a * ").append(n).append(" + 1; }\n");
            s.append("  public static long ").append(f).append("(long a) { return a * ").append(n).append("L + 2L; }\n");
            s.append("  public static double ").append(f).append("(double a) { return a * ").append(n).append(" + 0.5; }\n");
            s.append("  public static String ").append(f).append("(String a) { return a + ").append(n).append("; }\n");
            s.append("  public static int ").append(f).append("(int a, int b) { return a * b + ").append(n).append("; }\n");
            s.append("  public static String ").append(f).append("(String a, int b) { return a.repeat(b) + ").append(n).append("; }\n");
            s.append("  public static double ").append(f).append("(double[] v) { double t = ").append(n)
                    .append("; for (double x : v) { t += x; } return t; }\n");
            s.append("  public static boolean ").append(f).append("(String a, long b) { return a.length() + ").append(n)
                    .append(" > b; }\n");
        }
        return s.append("}\n").toString();
    }

    static long count(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).count();
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
