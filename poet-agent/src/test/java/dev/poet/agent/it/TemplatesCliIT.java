package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code templates} and {@code generate} as people run them: {@code java -jar poet-agent.jar ...}, no
 * application running.
 */
class TemplatesCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEST_CLASSES = Path.of(System.getProperty("poet.test.classes", "target/test-classes"));

    @TempDir
    Path dir;

    record Cli(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Cli poet(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", AgentJvm.agentJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("poet " + String.join(" ", args) + " did not finish");
        }
        return new Cli(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String bundled(String domain, String file) throws Exception {
        return Files.readString(Path.of("..", "templates", domain, file));
    }

    @Test
    void templatesListsShowsAndValidatesWithoutAnApplication() throws Exception {
        Path home = dir.resolve(".poet");

        Cli list = poet("templates", "list", "--home", home.toString(), "--json");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.json().path("templates").findValuesAsText("domain"))
                .contains("base", "ml_monitoring", "api_operations", "financial_risk", "llm_ops");
        Cli human = poet("templates", "list", "--home", home.toString());
        assertThat(human.out()).contains("DOMAIN").contains("ml_monitoring").contains("bundled");

        Cli show = poet("templates", "show", "ml_monitoring", "--home", home.toString(), "--json");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.json().path("files").path("Enhancement.java.mustache").asText())
                .isEqualTo(bundled("ml_monitoring", "Enhancement.java.mustache"));
        assertThat(poet("templates", "show", "base", "bundled", "--home", home.toString()).out())
                .contains("=== Enhancement.java.mustache ===");

        Path good = Files.createDirectories(dir.resolve("work/base"));
        Files.writeString(good.resolve("Enhancement.java.mustache"), bundled("base", "Enhancement.java.mustache"));
        Cli passed = poet("templates", "validate", good.toString(), "--home", home.toString());
        assertThat(passed.code()).as(passed.out() + passed.err()).isZero();
        assertThat(passed.out()).contains("SampleMethods.summarize").contains("passed");

        Path bad = Files.createDirectories(dir.resolve("work/mine"));
        String broken = bundled("base", "Enhancement.java.mustache")
                .replace("            return args;\n", "            return argz;\n");
        Files.writeString(bad.resolve("Enhancement.java.mustache"), broken);
        Cli refused = poet("templates", "validate", bad.toString(), "--domain", "base", "--json");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        JsonNode problem = refused.json().path("problem");
        assertThat(problem.path("stage").asText()).isEqualTo("compile");
        assertThat(problem.path("file").asText()).isEqualTo("Enhancement.java.mustache");
        int expectedLine = List.of(broken.split("\n", -1)).indexOf("            return argz;") + 1;
        assertThat(problem.path("line").asInt()).isEqualTo(expectedLine);

        Files.writeString(bad.resolve("Enhancement.java.mustache"), bundled("base", "Enhancement.java.mustache")
                .replace("            return args;\n", "            java.lang.Runtime.getRuntime().exec(\"x\");\n"
                        + "            return args;\n"));
        Cli audited = poet("templates", "validate", bad.toString(), "--domain", "base");
        assertThat(audited.code()).isEqualTo(1);
        assertThat(audited.out()).contains("refused at audit").contains("java.lang.Runtime");

        assertThat(home).as("validating writes nothing").doesNotExist();

        assertThat(poet("templates").code()).isEqualTo(2);
        assertThat(poet("templates", "frobnicate").code()).isEqualTo(2);
        Cli traversal = poet("templates", "show", "..", "--home", home.toString());
        assertThat(traversal.code()).isEqualTo(2);
        assertThat(traversal.err()).contains("not a domain name");
        assertThat(poet("templates", "show", "base", "../v1", "--home", home.toString()).code()).isEqualTo(2);
        assertThat(poet("templates", "show", "no_such", "--home", home.toString()).code()).isEqualTo(2);
        assertThat(poet("templates", "list", "--bogus").code()).isEqualTo(2);
        Cli help = poet("templates", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("validate <folder>");
    }

    @Test
    void generateBuildsOneMethodsEnhancementFromAClassFolderOrClassFile() throws Exception {
        Path home = dir.resolve(".poet");

        Cli dry = poet("generate", TEST_CLASSES.toString(), "com.example.templates.Plain.quote", "--domain", "base",
                "--dry-run", "--home", home.toString());
        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("implements Enhancement").contains("verdict:  passed")
                .contains("nothing (--dry-run)").doesNotContain("Plain initialised");
        assertThat(home).as("--dry-run stores nothing").doesNotExist();

        Cli stored = poet("generate", TEST_CLASSES.resolve("com/example/templates/Plain.class").toString(),
                "twice(I)I", "--domain", "api_operations", "--home", home.toString(), "--json");
        assertThat(stored.code()).as(stored.out() + stored.err()).isZero();
        JsonNode answer = stored.json();
        assertThat(answer.path("passed").asBoolean()).isTrue();
        assertThat(answer.path("stored_version").asText()).isEqualTo("v1");
        assertThat(answer.path("source").asText()).contains("api_operations");
        String key = answer.path("key").asText();
        assertThat(key).startsWith("com.example.templates.Plain~twice~");
        Path version = home.resolve("methods").resolve(key).resolve("v1");
        assertThat(Files.readString(version.resolve("Enhancement.java"))).isEqualTo(answer.path("source").asText());
        JsonNode meta = JSON.readTree(Files.readString(version.resolve("metadata.json")));
        assertThat(meta.toString()).contains("candidate").contains("api_operations");
        assertThat(home.resolve("methods").resolve(key).resolve("current")).as("a candidate is not current")
                .doesNotExist();

        Cli overloaded = poet("generate", TEST_CLASSES.toString(), "com.example.templates.Plain.twice", "--domain",
                "base", "--dry-run");
        assertThat(overloaded.code()).isEqualTo(2);
        assertThat(overloaded.err()).contains("twice(I)I").contains("twice(J)I");
        assertThat(poet("generate", TEST_CLASSES.toString(), "com.example.templates.Plain.nope", "--domain", "base")
                .code()).isEqualTo(2);
        assertThat(poet("generate", TEST_CLASSES.toString(), "com.example.templates.Plain.quote").code())
                .as("--domain is required").isEqualTo(2);
        assertThat(poet("generate", TEST_CLASSES.toString(), "com.example.templates.Plain.quote", "--domain",
                "no_such").code()).isEqualTo(2);
        assertThat(poet("generate", dir.resolve("missing.jar").toString(), "a.B.c", "--domain", "base").code())
                .isEqualTo(2);
    }
}
