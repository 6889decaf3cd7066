package dev.poet.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Counter;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator command run as {@code java -jar poet-agent.jar ...} against the {@code poet.home} that two real
 * application runs under the agent left: {@code Target.describe(int)} with v1 and v2 (its body changed between the
 * runs) and its overload {@code describe(String)} with v1. Commands that change something get their own copy of
 * that home, so the tests do not depend on their order.
 */
@ExtendWith(SuppressedErrorCheck.class)
class OperatorCliIT {

    private static final String INCLUDE = "com.example.ops.Target[describe]";

    private static Path work;
    private static String intKey;
    private static String stringKey;
    private static Path classes;

    @BeforeAll
    static void threeRuns() throws IOException {
        work = Files.createTempDirectory("poet-cli");
        Files.writeString(work.resolve("agent.properties"),
                "poet.methods.include=" + INCLUDE + "\npoet.activation=eager\n");
        for (String body : List.of("return \"before \" + x;", "return \"after \" + x;")) {
            classes = compile(body);
            JvmRun run = AgentJvm.of(Counter.class).mainClass("com.example.ops.Target")
                    .classPath(classes.toString()).workDir(work).run();
            assertThat(run.agentLines()).as(run.toString())
                    .anyMatch(l -> l.contains("Target.describe: enhancement v") && l.contains("active"));
        }
        // Under manual review the third body's version is stored and waits; v2 stays current.
        JvmRun review = AgentJvm.of(Counter.class).mainClass("com.example.ops.Target")
                .classPath(compile("return \"later \" + x;").toString()).workDir(work)
                .property("poet.review", "manual").run();
        assertThat(review.stdout()).as(review.toString()).contains("later 1");
        try (Stream<Path> keys = Files.list(work.resolve(".poet/methods"))) {
            for (Path dir : keys.toList()) {
                if (Files.exists(dir.resolve("v2"))) {
                    intKey = dir.getFileName().toString();
                } else {
                    stringKey = dir.getFileName().toString();
                }
            }
        }
        assertThat(intKey).as("the method whose body changed has v2").isNotNull();
        assertThat(stringKey).isNotNull();
        assertThat(work.resolve(".poet/methods").resolve(intKey).resolve("v3/metadata.json")).as(review.toString())
                .content().containsPattern("\"status\"\\s*:\\s*\"awaiting_review\"");
    }

    private static Path compile(String body) throws IOException {
        Path dir = Files.createTempDirectory("poet-cli-target");
        Path source = dir.resolve("com/example/ops/Target.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example.ops;\n"
                + "public class Target {\n"
                + "  public String describe(int x) { " + body + " }\n"
                + "  public String describe(String s) { return \"s \" + s; }\n"
                + "  public static void main(String[] a) throws Exception {\n"
                + "    System.out.println(new Target().describe(1));\n"
                + "    System.out.println(new Target().describe(\"a\"));\n"
                + "    if (a.length == 0) return;\n"
                + "    java.io.BufferedReader in = new java.io.BufferedReader("
                + "new java.io.InputStreamReader(System.in));\n"
                + "    System.out.println(\"ready\");\n"
                + "    for (String line; (line = in.readLine()) != null; ) {\n"
                + "      System.out.println(new Target().describe(line.length()));\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        return dir;
    }

    /** A copy of the application's folder (its agent.properties and .poet) for a test that changes it. */
    private static Path copy() throws IOException {
        Path to = Files.createTempDirectory("poet-cli-copy");
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(work.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Every file under {@code dir} with a digest of its content. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            // Lock files are empty and say nothing about the state; taking a lock may create one.
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock"))
                    .toList()) {
                files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return files;
    }

    private static PoetCommand.Result ok(Path dir, String... args) {
        PoetCommand.Result r = PoetCommand.run(dir, args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private static PoetCommand.Result fails(int code, Path dir, String... args) {
        PoetCommand.Result r = PoetCommand.run(dir, args);
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err()).as(r.toString()).startsWith("poet");
        return r;
    }

    @Test
    void statusShowsEveryMethodAndThatNoApplicationRuns() {
        PoetCommand.Result human = ok(work, "status");
        assertThat(human.out()).startsWith("application: none running")
                .containsPattern(java.util.regex.Pattern.quote(intKey) + "\\s+active\\s+v2\\s+template")
                .containsPattern(java.util.regex.Pattern.quote(stringKey) + "\\s+active\\s+v1\\s+template")
                .contains("waiting for review:\n  " + intKey + " v3   approve: java -jar poet-agent.jar approve "
                        + intKey + " v3");
        JsonNode json = ok(work, "status", "--json", "--home", work.resolve(".poet").toString()).json();
        assertThat(json.path("methods")).hasSize(2);
        JsonNode first = json.path("methods").get(0);
        assertThat(List.of(intKey, stringKey)).contains(first.path("key").asText());
        assertThat(first.path("display_name").asText()).startsWith("com.example.ops.Target.describe");
        assertThat(first.path("generator").asText()).isEqualTo("template");
        assertThat(json.path("awaiting_review")).hasSize(1);
        assertThat(json.path("awaiting_review").get(0).path("method").asText()).isEqualTo(intKey);
        assertThat(json.path("awaiting_review").get(0).path("version").asText()).isEqualTo("v3");
    }

    @Test
    void versionsShowAndDiff() throws IOException {
        List<String> lines = ok(work, "versions", intKey).out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(intKey);
        assertThat(lines.get(2)).matches("\\s+v3\\s+awaiting_review\\s+template.*");
        assertThat(lines.get(3)).matches("\\*\\s+v2\\s+active\\s+template.*");
        assertThat(lines.get(4)).matches("\\s+v1\\s+\\S+\\s+template.*");
        JsonNode versions = ok(work, "versions", "--json", intKey).json();
        assertThat(versions.path("versions").findValuesAsText("name")).containsExactly("v3", "v2", "v1");

        PoetCommand.Result show = ok(work, "show", intKey);
        assertThat(show.out()).startsWith(intKey + " v2 (current)\n").contains("audit:", "\nsource:\n");
        String v1 = Files.readString(work.resolve(".poet/methods").resolve(intKey).resolve("v1/Enhancement.java"));
        String v2 = Files.readString(work.resolve(".poet/methods").resolve(intKey).resolve("v2/Enhancement.java"));
        assertThat(show.out()).contains(v2.strip());
        JsonNode detail = ok(work, "show", intKey, "v1", "--json").json();
        assertThat(detail.path("source").asText()).isEqualTo(v1);
        assertThat(detail.path("version").path("name").asText()).isEqualTo("v1");
        assertThat(detail.path("metadata").isObject()).isTrue();

        PoetCommand.Result diff = ok(work, "diff", intKey, "v1", "v2");
        JsonNode diffJson = ok(work, "diff", intKey, "v1", "v2", "--json").json();
        assertThat(diffJson.path("identical").asBoolean()).isEqualTo(v1.equals(v2));
        if (!v1.equals(v2)) {
            assertThat(diff.out()).startsWith("--- " + intKey + "/v1/Enhancement.java\n+++ " + intKey
                    + "/v2/Enhancement.java\n@@ -");
        }
        assertThat(ok(work, "diff", intKey, "v2", "v2").out()).isEmpty();
    }

    @Test
    void rollbackByTheCliIsWhatTheStoreRunsNext() throws IOException {
        Path dir = copy();
        Path method = dir.resolve(".poet/methods").resolve(intKey);
        fails(2, dir, "rollback", "Target.describe", "v1");
        assertThat(Files.readString(method.resolve("current")).trim()).isEqualTo("v2");

        PoetCommand.Result r = ok(dir, "rollback", intKey.substring(0, intKey.length() - 3), "v1");
        assertThat(r.out()).contains(intKey, "v1", "by cli:", "a running application applies it within seconds");
        assertThat(Files.readString(method.resolve("current")).trim()).isEqualTo("v1");
        try (Stream<Path> changes = Files.list(dir.resolve(".poet/changes"))) {
            assertThat(changes.toList()).hasSize(1);
        }
        assertThat(ok(dir, "versions", intKey).out()).containsPattern("\\*\\s+v1\\s");
        JsonNode receipt = ok(dir, "rollback", intKey, "v2", "--json").json();
        assertThat(receipt.path("kind").asText()).isEqualTo("rollback");
        assertThat(receipt.path("method_key").asText()).isEqualTo(intKey);
        assertThat(receipt.path("actor").asText()).startsWith("cli:");
        assertThat(receipt.path("applied").asBoolean()).isFalse();
        assertThat(Files.readString(method.resolve("current")).trim()).isEqualTo("v2");
    }

    @Test
    void approveAndRejectOnlyWhatWaits() throws IOException {
        Path dir = copy();
        Path method = dir.resolve(".poet/methods").resolve(intKey);
        Map<String, String> before = files(dir);
        assertThat(fails(1, dir, "approve", intKey, "v2").err()).contains("v2");
        fails(1, dir, "reject", intKey, "v1", "--reason", "too slow");
        assertThat(files(dir)).isEqualTo(before);

        assertThat(ok(dir, "approve", intKey, "v3").out()).contains(intKey, "v3", "by cli:");
        assertThat(Files.readString(method.resolve("current")).trim()).isEqualTo("v3");
        assertThat(ok(dir, "status").out()).contains("nothing waits for review");

        Path other = copy();
        JsonNode receipt = ok(other, "reject", intKey, "v3", "--reason", "too slow", "--json").json();
        assertThat(receipt.path("kind").asText()).isEqualTo("reject");
        assertThat(Files.readString(other.resolve(".poet/methods").resolve(intKey).resolve("current")).trim())
                .isEqualTo("v2");
        assertThat(ok(other, "versions", intKey).out()).containsPattern("v3\\s+rejected");
        fails(1, other, "rollback", intKey, "v3");
    }

    @Test
    void paramsEnableDisableAndSelection() throws IOException {
        Path dir = copy();
        assertThat(ok(dir, "params", intKey).out()).contains("no operator parameters");
        ok(dir, "params", intKey, "retries=5");
        assertThat(ok(dir, "params", intKey).out()).isEqualTo(intKey + ":\n  retries=5\n");
        assertThat(ok(dir, "params", intKey, "--json").json().path("params").path("retries").asText()).isEqualTo("5");
        Map<String, String> before = files(dir);
        assertThat(fails(2, dir, "params", intKey, "retries=many").err()).contains("retries");
        fails(2, dir, "params", intKey, "retries");
        assertThat(files(dir)).isEqualTo(before);
        ok(dir, "params", intKey, "retries=");
        assertThat(ok(dir, "params", intKey, "--json").json().path("params")).isEmpty();

        assertThat(ok(dir, "disable", stringKey).out()).contains(stringKey);
        assertThat(ok(dir, "status", "--json").json().path("methods").findValues("enabled"))
                .extracting(JsonNode::asBoolean).contains(false);
        assertThat(Files.readString(dir.resolve(".poet/methods").resolve(stringKey).resolve("operator.json")))
                .containsPattern("\"enabled\"\\s*:\\s*false");
        ok(dir, "enable", stringKey);
        assertThat(Files.readString(dir.resolve(".poet/methods").resolve(stringKey).resolve("operator.json")))
                .containsPattern("\"enabled\"\\s*:\\s*true");

        assertThat(ok(dir, "selection").out()).isEqualTo(INCLUDE + "\n");
        ok(dir, "selection", "set", "com.example.ops.Target[describe,main]");
        assertThat(ok(dir, "selection", "--json").json().path("include").asText())
                .isEqualTo("com.example.ops.Target[describe,main]");
        assertThat(dir.resolve(".poet/selection.json")).exists();
        before = files(dir);
        fails(2, dir, "selection", "set", "com.example[");
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void aRollbackByTheCliReachesTheRunningApplicationWithinFiveSeconds() throws IOException {
        Path dir = copy();
        RunningJvm app = AgentJvm.of(Counter.class).mainClass("com.example.ops.Target").classPath(classes.toString())
                .workDir(dir).args("serve").start();
        try {
            app.awaitOutput("ready", 120_000);
            awaitActive(app, dir, "v2", System.nanoTime() + 60_000_000_000L);
            assertThat(ok(dir, "status").out()).startsWith("application: running, pid " + app.pid());

            ok(dir, "rollback", intKey, "v1");
            long written = System.nanoTime();
            awaitActive(app, dir, "v1", written + 5_000_000_000L);

            app.send("abc");
            app.awaitOutput("after 3", 30_000);
            long figures = System.nanoTime() + 30_000_000_000L;
            JsonNode live = null;
            while (System.nanoTime() < figures) {
                JsonNode status = ok(dir, "status", "--json").json();
                assertThat(status.path("application").path("running").asBoolean()).isTrue();
                assertThat(status.path("application").path("pid").asLong()).isEqualTo(app.pid());
                for (JsonNode m : status.path("methods")) {
                    if (m.path("key").asText().equals(intKey)) {
                        live = m.path("live");
                    }
                }
                if (live != null && live.path("calls").asLong() >= 2) {
                    break;
                }
            }
            assertThat(live).as("live figures of the running application").isNotNull();
            assertThat(live.path("calls").asLong()).as(live.toString()).isGreaterThanOrEqualTo(2);
            assertThat(live.path("failure_rate").asDouble()).isZero();
            assertThat(ok(dir, "status").out()).containsPattern(java.util.regex.Pattern.quote(intKey)
                    + "\\s+active\\s+v1\\s+template\\s+[0-9]+\\s+0\\.0%");
            long deadline = System.nanoTime() + 30_000_000_000L;
            List<JsonNode> changed = List.of();
            while (changed.isEmpty() && System.nanoTime() < deadline) {
                changed = EventsCli.read(dir.resolve(".poet"), "--type", "config.changed");
            }
            assertThat(changed).as("a config.changed event").hasSize(1);
            JsonNode payload = changed.get(0).path("payload");
            assertThat(payload.path("kind").asText()).isEqualTo("rollback");
            assertThat(payload.path("actor").asText()).startsWith("cli:");
            assertThat(payload.path("method").asText()).isEqualTo(intKey);
            app.stop();
        } finally {
            app.close();
        }
    }

    /** Polls the application's status.json until it says {@code version} runs for the method with v1 and v2. */
    private static void awaitActive(RunningJvm app, Path dir, String version, long deadlineNanos) throws IOException {
        Path status = dir.resolve(".poet/status.json");
        String seen = null;
        while (System.nanoTime() < deadlineNanos) {
            if (Files.exists(status)) {
                try {
                    JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.toFile());
                    seen = root.path("methods").path(intKey).path("active_version").asText(null);
                    if (version.equals(seen) && root.path("pid").asLong() == app.pid()) {
                        return;
                    }
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    seen = "unreadable: " + e.getMessage();
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        throw new AssertionError("status.json did not say " + version + " runs in time (last seen: " + seen + ")\n"
                + app.stderr());
    }

    @Test
    void helpEverywhere() {
        for (String command : List.of("status", "versions", "show", "diff", "rollback", "approve", "reject", "params",
                "enable", "disable", "selection", "events")) {
            assertThat(ok(work, command, "--help").out()).as(command)
                    .startsWith("usage: java -jar poet-agent.jar " + command);
        }
        assertThat(ok(work, "--help").out()).contains("rollback <method> <version>", "selection [set <include>]");
    }

    @Test
    void badArgumentsUnknownMethodsAndTraversalChangeNothing() throws IOException {
        Path dir = copy();
        Map<String, String> before = files(dir);
        assertThat(fails(2, dir, "frobnicate").err()).contains("unknown command 'frobnicate'");
        assertThat(fails(2, dir, "status", "--bogus").err()).contains("unknown option --bogus");
        assertThat(fails(2, dir, "versions").err()).contains("missing method");
        assertThat(fails(2, dir, "rollback", intKey).err()).contains("missing version");
        assertThat(fails(2, dir, "show", "Target.describe").err()).contains(intKey, stringKey);
        assertThat(fails(1, dir, "show", "com.nobody.Nothing~here~00000000").err()).contains("com.nobody.Nothing");
        assertThat(fails(1, dir, "versions", "Nobody.nothing").err()).contains("Nobody.nothing");
        assertThat(fails(1, dir, "show", intKey, "v9").err()).contains("v9");
        assertThat(fails(1, dir, "status", "--home", dir.resolve("absent").toString()).err())
                .contains("no POET home at");
        for (String[] args : List.of(
                new String[] {"rollback", intKey, "../v1"}, new String[] {"rollback", intKey, "v1/../../v2"},
                new String[] {"show", intKey, "%2e%2e"}, new String[] {"rollback", "../" + intKey, "v1"},
                new String[] {"rollback", intKey + "/../" + stringKey, "v1"},
                new String[] {"disable", "..\\" + intKey}, new String[] {"params", "%2e%2e/x", "retries=1"},
                new String[] {"enable", "../../etc"})) {
            fails(2, dir, args);
        }
        assertThat(files(dir)).isEqualTo(before);
    }
}
