package dev.poet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.VersionView;

/** The operator commands' arguments, exit codes and output, over an in-memory {@link FakeOperations}. */
class OperationsCommandsTest {

    static final String QUOTE = "com.acme.Pricing~quote~1a2b3c4d";
    static final String QUOTE2 = "com.acme.Pricing~quote~99999999";
    static final String RISK = "com.acme.Risk~score~0badcafe";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final FakeOperations ops = new FakeOperations();
    private final List<Path> opened = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void methods() {
        ops.add(new MethodView(QUOTE, "com.acme.Pricing.quote(int)", "base", "active", "v2", "template", true,
                        List.of("v3"), Map.of("retries", "5"),
                        new MethodView.Live(200, 10, 4, 0, 0, 1, 1.25, 140, "java.io.IOException: down\nsecond", FakeOperations.AT)),
                view("v3", "awaiting_review", false), view("v2", "active", true), view("v1", "rolled_back", false));
        ops.add(new MethodView(RISK, "com.acme.Risk.score()", "financial_risk", "disabled", null, "llm", false,
                List.of(), Map.of(), null), view("v1", "rejected", true));
        ops.sources.put(QUOTE + "/v1", "class E {\n  int a;\n  int b;\n}\n");
        ops.sources.put(QUOTE + "/v2", "class E {\n  int a;\n  int c;\n}\n");
    }

    private static VersionView view(String name, String status, boolean current) {
        return new VersionView(name, status, current, "template", "base@1", null, "first call", FakeOperations.AT);
    }

    private int run(String... args) {
        Clock clock = Clock.fixed(FakeOperations.AT.plusSeconds(7), ZoneOffset.UTC);
        return PoetCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new PoetCli.Environment(EventLogOpener.LOCAL, h -> {
                    opened.add(h);
                    return ops;
                }, clock));
    }

    private int runHome(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return run(all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() throws IOException {
        assertThat(out().strip()).doesNotContain("\n");
        return JSON.readTree(out());
    }

    @Test
    void statusListsEveryMethodWithItsFiguresAndWhatWaits() throws IOException {
        Files.writeString(home.resolve("status.json"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"at\": \"2025-01-02T10:00:00Z\", \"http_address\": \"http://127.0.0.1:9000\"}");
        assertThat(runHome("status")).isZero();
        assertThat(out()).contains("application: running, pid " + ProcessHandle.current().pid()
                + ", status.json written 7 s ago, HTTP http://127.0.0.1:9000");
        String quote = out().lines().filter(l -> l.startsWith(QUOTE)).findFirst().orElseThrow();
        assertThat(quote.split("\\s{2,}")).containsExactly(QUOTE, "active", "v2", "template", "200", "5.0%", "1.3",
                "140", "java.io.IOException: down\\nsecond");
        String risk = out().lines().filter(l -> l.startsWith(RISK)).findFirst().orElseThrow();
        assertThat(risk.split("\\s{2,}")).containsExactly(RISK, "disabled", "-", "llm", "-", "-", "-", "-", "-");
        assertThat(out()).contains("waiting for review:\n  " + QUOTE + " v3   approve: java -jar poet-agent.jar approve "
                + QUOTE + " v3");
        assertThat(opened).containsExactly(home);
    }

    @Test
    void statusSaysWhenNoApplicationRuns() throws IOException {
        assertThat(runHome("status")).isZero();
        assertThat(out()).startsWith("application: none running (no status.json under");
        out.reset();
        Files.writeString(home.resolve("status.json"), "{\"pid\": 2147483646, \"at\": \"2025-01-02T08:00:00Z\"}");
        assertThat(runHome("status")).isZero();
        assertThat(out()).startsWith("application: none running (status.json written 2 h ago by pid 2147483646, "
                + "which has exited)");
    }

    @Test
    void statusAsJson() throws IOException {
        Files.writeString(home.resolve("status.json"), "{\"pid\": 2147483646, \"at\": \"2025-01-02T10:00:00Z\"}");
        assertThat(runHome("status", "--json")).isZero();
        JsonNode doc = json();
        assertThat(doc.path("application").path("running").asBoolean()).isFalse();
        assertThat(doc.path("application").path("status_age_seconds").asLong()).isEqualTo(7);
        assertThat(doc.path("methods")).hasSize(2);
        JsonNode quote = doc.path("methods").get(0);
        assertThat(quote.path("key").asText()).isEqualTo(QUOTE);
        assertThat(quote.path("active_version").asText()).isEqualTo("v2");
        assertThat(quote.path("live").path("failure_rate").asDouble()).isEqualTo(0.05);
        assertThat(quote.path("live").path("p99_millis").asDouble()).isEqualTo(140);
        assertThat(quote.path("params").path("retries").asText()).isEqualTo("5");
        assertThat(doc.path("methods").get(1).path("live").isNull()).isTrue();
        assertThat(doc.path("awaiting_review").get(0).path("version").asText()).isEqualTo("v3");
    }

    @Test
    void versionsNewestFirstWithTheCurrentMarked() throws IOException {
        assertThat(runHome("versions", QUOTE, "v1")).isEqualTo(2);
        assertThat(err()).contains("unexpected argument 'v1'");
        assertThat(runHome("versions", "com.acme.Pricing~quote~1a")).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(QUOTE);
        assertThat(lines.get(2)).matches("\\s+v3\\s+awaiting_review.*");
        assertThat(lines.get(3)).matches("\\*\\s+v2\\s+active\\s+template\\s+base@1\\s+2025-01-02T10:00:00Z\\s+first call");
        out.reset();
        assertThat(runHome("versions", "--json", "com.acme.Pricing~quote~1a")).isZero();
        JsonNode doc = json();
        assertThat(doc.path("versions").get(1).path("current").asBoolean()).isTrue();
        assertThat(doc.path("versions").get(1).path("template_version").asText()).isEqualTo("base@1");
    }

    @Test
    void showPrintsTheCurrentVersionByDefault() throws IOException {
        ops.sources.put(QUOTE + "/v2", "class Current {}\n");
        assertThat(runHome("show", QUOTE)).isZero();
        assertThat(out()).startsWith(QUOTE + " v2 (current)\n").contains("  verdict: pass", "    - no forbidden calls",
                "  templateDomain: base", "source:\nclass Current {}");
        out.reset();
        assertThat(runHome("show", QUOTE, "v1", "--json")).isZero();
        JsonNode doc = json();
        assertThat(doc.path("version").path("name").asText()).isEqualTo("v1");
        assertThat(doc.path("source").asText()).contains("int b;");
        assertThat(doc.path("audit").path("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void diffIsUnified() throws IOException {
        assertThat(runHome("diff", QUOTE, "v1", "v2")).isZero();
        assertThat(out()).isEqualTo("--- " + QUOTE + "/v1/Enhancement.java\n+++ " + QUOTE + "/v2/Enhancement.java\n"
                + "@@ -1,4 +1,4 @@\n class E {\n   int a;\n-  int b;\n+  int c;\n }\n");
        out.reset();
        assertThat(runHome("diff", QUOTE, "v2", "v2", "--json")).isZero();
        assertThat(json().path("identical").asBoolean()).isTrue();
        assertThat(runHome("diff", QUOTE, "v1")).isEqualTo(2);
        assertThat(err()).contains("missing version");
    }

    @Test
    void mutationsSayWhatChangedAndWhenItApplies() throws IOException {
        assertThat(runHome("rollback", "com.acme.Pricing~quote~1a2b", "v1")).isZero();
        assertThat(out()).startsWith("rollback " + QUOTE + " to v1\n  change 1-2-1 by cli:")
                .contains("a running application applies it within seconds");
        assertThat(ops.changes).containsExactly("rollback " + QUOTE + " rollback " + QUOTE + " to v1 by "
                + OperationsCommand.actor());
        out.reset();
        assertThat(runHome("reject", QUOTE, "v3", "--reason", "too slow", "--json")).isZero();
        assertThat(json().path("kind").asText()).isEqualTo("reject");
        assertThat(ops.changes.get(1)).contains("reason=too slow");
        assertThat(runHome("approve", QUOTE, "v2")).isEqualTo(1);
        assertThat(err()).contains("v2 is not awaiting review");
        assertThat(runHome("disable", RISK)).isZero();
        assertThat(runHome("enable", "Risk.score")).isZero();
        assertThat(ops.changes.subList(2, 4)).containsExactly("disable " + RISK + " disable " + RISK + " by "
                + OperationsCommand.actor(), "enable " + RISK + " enable " + RISK + " by " + OperationsCommand.actor());
    }

    @Test
    void anAmbiguousNameIsABadArgument() {
        ops.add(new MethodView(QUOTE2, "com.acme.Pricing.quote(long)", "base", "active", "v1", "template", true,
                List.of(), Map.of(), null), view("v1", "active", true));
        assertThat(runHome("rollback", "Pricing.quote", "v1")).isEqualTo(2);
        assertThat(err()).contains("'Pricing.quote' matches [" + QUOTE + ", " + QUOTE2 + "]");
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void paramsPrintSetAndRemove() throws IOException {
        assertThat(runHome("params", QUOTE)).isZero();
        assertThat(out()).isEqualTo(QUOTE + ":\n  retries=5\n");
        out.reset();
        assertThat(runHome("params", QUOTE, "--json")).isZero();
        assertThat(json().path("params").path("retries").asText()).isEqualTo("5");
        assertThat(runHome("params", QUOTE, "retries=7", "timeout-ms=")).isZero();
        assertThat(ops.changes).containsExactly("params " + QUOTE + " params {retries=7, timeout-ms=} by "
                + OperationsCommand.actor());
        assertThat(runHome("params", QUOTE, "retries=many")).isEqualTo(2);
        assertThat(err()).contains("retries: not a whole number: many");
        assertThat(runHome("params", QUOTE, "retries")).isEqualTo(2);
        assertThat(runHome("params", QUOTE, "=5")).isEqualTo(2);
        assertThat(runHome("params", QUOTE, "a=1", "a=2")).isEqualTo(2);
        assertThat(ops.changes).hasSize(1);
    }

    @Test
    void selectionPrintsAndReplaces() throws IOException {
        assertThat(runHome("selection")).isZero();
        assertThat(out()).isEqualTo("com.acme.Pricing[quote]\n");
        assertThat(runHome("selection", "set", "com.acme.billing.*[*]")).isZero();
        assertThat(ops.changes).containsExactly("selection null selection com.acme.billing.*[*] by "
                + OperationsCommand.actor());
        assertThat(runHome("selection", "set", "a[[b")).isEqualTo(2);
        assertThat(runHome("selection", "set")).isEqualTo(2);
        assertThat(runHome("selection", "replace", "x")).isEqualTo(2);
        assertThat(err()).contains("unexpected argument 'replace'");
        out.reset();
        assertThat(runHome("selection", "--json")).isZero();
        assertThat(json().path("include").asText()).isEqualTo("com.acme.Pricing[quote]");
    }

    @Test
    void badArgumentsAreExitCodeTwoAndNeverOpenTheStore() {
        for (String[] args : List.of(new String[] {"versions"}, new String[] {"show"},
                new String[] {"rollback", QUOTE}, new String[] {"rollback", QUOTE, "../v1"},
                new String[] {"rollback", QUOTE, "v1/../../x"}, new String[] {"approve", QUOTE, "%2e%2e"},
                new String[] {"show", QUOTE, "v0"}, new String[] {"status", "extra"},
                new String[] {"status", "--bogus"}, new String[] {"status", "--home"},
                new String[] {"enable", QUOTE, "more"}, new String[] {"reject", QUOTE, "v1", "--reason"},
                new String[] {"rollback", QUOTE, "v1", "--reason", "x"}, new String[] {"status", "--json=yes"},
                new String[] {"frobnicate"})) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err()).as(String.join(" ", args)).startsWith("poet").contains("--help");
        }
        assertThat(opened).isEmpty();
        assertThat(ops.changes).isEmpty();
    }

    @Test
    void unknownMethodOrMissingHomeIsExitCodeOne() {
        assertThat(runHome("show", "com.nobody.X~y~00000000")).isEqualTo(1);
        assertThat(err()).contains("no method matches 'com.nobody.X~y~00000000'");
        assertThat(runHome("show", QUOTE, "v9")).isEqualTo(1);
        assertThat(err()).contains("has no version v9");
        err.reset();
        assertThat(run("status", "--home", home.resolve("absent").toString())).isEqualTo(1);
        assertThat(err()).contains("no POET home at");
    }

    @Test
    void helpEverywhere() {
        for (PoetCli.Entry e : PoetCli.commands(new PoetCli.Environment(EventLogOpener.LOCAL, h -> ops,
                Clock.systemUTC()))) {
            out.reset();
            assertThat(run(e.name(), "--help")).as(e.name()).isZero();
            assertThat(out()).as(e.name()).startsWith("usage: java -jar poet-agent.jar " + e.name());
        }
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("status", "versions <method>", "show <method> [version]", "diff <method> <vA> <vB>",
                "rollback <method> <version>", "approve <method> <version>", "reject <method> <version> [--reason R]",
                "params <method> [key=value ...]", "enable <method>", "disable <method>", "selection [set <include>]",
                "events [filters]");
        assertThat(run()).isEqualTo(2);
        assertThat(opened).isEmpty();
    }

    @Test
    void argumentsParse() throws UsageException {
        Invocation i = Invocation.parse(List.of("a", "--home=/x", "--json", "--", "--b"), java.util.Set.of());
        assertThat(i.home()).isEqualTo(Path.of("/x"));
        assertThat(i.json()).isTrue();
        assertThat(i.operands()).containsExactly("a", "--b");
        assertThat(Invocation.parse(List.of(), java.util.Set.of()).home()).isEqualTo(Path.of(".poet"));
        Invocation r = Invocation.parse(List.of("--reason", "slow", "m"), java.util.Set.of("reason"));
        assertThat(r.options()).containsEntry("reason", "slow");
        assertThat(r.operands()).containsExactly("m");
    }
}
