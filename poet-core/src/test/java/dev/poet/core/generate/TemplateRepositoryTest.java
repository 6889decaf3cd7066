package dev.poet.core.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRepositoryTest {

    @TempDir
    Path temp;

    private static void writeTemplate(Path folder, String version, String source) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("template.properties"),
                "version=" + version + "\ndescription=d\nparam.retries=7\n");
        Files.writeString(folder.resolve("Enhancement.java.mustache"), source);
    }

    @Test
    void bundledBaseTemplateIsFound() throws Exception {
        Template base = new TemplateRepository(temp.resolve(".poet"), null, getClass().getClassLoader()).find("base");

        assertThat(base.version()).isEqualTo("2");
        assertThat(base.defaults()).containsEntry("retries", "3");
        assertThat(base.prompt()).contains("transparent");
        assertThat(base.origin()).contains("bundled");
    }

    @Test
    void templatesDirOverridesBundledAndPoetHomeOverridesBoth() throws Exception {
        Path dir = temp.resolve("dir");
        writeTemplate(dir.resolve("base"), "dir-1", "from dir");
        Path home = temp.resolve(".poet");

        assertThat(new TemplateRepository(home, dir, getClass().getClassLoader()).find("base").version())
                .isEqualTo("dir-1");

        writeTemplate(home.resolve("templates/base/v3"), "user-3", "from home");
        Files.writeString(home.resolve("templates/base/current"), "v3\n");
        Template user = new TemplateRepository(home, dir, getClass().getClassLoader()).find("base");
        assertThat(user.version()).isEqualTo("user-3");
        assertThat(user.source()).isEqualTo("from home");
        assertThat(user.defaults()).containsEntry("retries", "7");
    }

    @Test
    void aNewDomainIsANewFolder() throws Exception {
        Path dir = temp.resolve("dir");
        writeTemplate(dir.resolve("payments"), "1", "x");

        assertThat(new TemplateRepository(null, dir, getClass().getClassLoader()).find("payments").domain())
                .isEqualTo("payments");
    }

    @Test
    void missingOrBrokenTemplatesSayWhy() throws Exception {
        TemplateRepository repository = new TemplateRepository(null, temp, getClass().getClassLoader());
        assertThatThrownBy(() -> repository.find("nope")).isInstanceOf(TemplateNotFound.class)
                .hasMessageContaining("no template for domain 'nope'");
        assertThatThrownBy(() -> repository.find("../etc")).hasMessageContaining("invalid domain name");
        Files.createDirectories(temp.resolve("noversion"));
        Files.writeString(temp.resolve("noversion/template.properties"), "description=x\n");
        Files.writeString(temp.resolve("noversion/Enhancement.java.mustache"), "x");
        assertThatThrownBy(() -> repository.find("noversion")).hasMessageContaining("has no 'version'");
    }

    @Test
    void rendererFailsOnUnknownVariables() throws Exception {
        Template template = new Template("t", "1", "", java.util.Map.of(), "", "{{#methods}}{{nope}}{{/methods}}", "test");
        MethodModel model = new MethodModel("M0", "k", "m", "a.B", int.class, false, new Class<?>[] {double.class},
                new String[] {"x"});

        assertThatThrownBy(() -> new TemplateRenderer().render(template, "U", "a.B", List.of(model)))
                .isInstanceOf(RenderFailure.class).hasMessageContaining("nope");
    }

    @Test
    void rendererExposesParameterKinds() throws Exception {
        Template template = new Template("t", "1", "", java.util.Map.of(), "",
                "{{unit}}:{{#methods}}{{nested}}{{#params}} {{name}}={{kind.type}}{{#kind.isFloating}}/float{{/kind.isFloating}}{{/params}}{{/methods}}",
                "test");
        MethodModel model = new MethodModel("M0", "k", "m", "a.B", int.class, false,
                new Class<?>[] {double.class, String[].class}, new String[] {"x", "names"});

        assertThat(new TemplateRenderer().render(template, "U", "a.B", List.of(model)))
                .isEqualTo("U:M0 x=double/float names=java.lang.String[]");
    }

    @Test
    void partialsComeFromTheSharedFolderOneAtATimeWithTheTemplatesPrecedence() throws Exception {
        Path dir = temp.resolve("dir");
        Path home = temp.resolve(".poet");
        writeTemplate(dir.resolve("mine"), "1", "{{#methods}}[{{> greeting}}|{{> imports}}]{{/methods}}");
        Files.createDirectories(dir.resolve("_shared"));
        Files.writeString(dir.resolve("_shared/greeting.mustache"), "dir says {{nested}} {{> signature}}");
        Files.writeString(dir.resolve("_shared/signature.mustache"), "(dir)");
        MethodModel model = new MethodModel("M0", "k", "m", "a.B", int.class, false, new Class<?>[0], new String[0]);

        Template fromDir = new TemplateRepository(home, dir, getClass().getClassLoader()).find("mine");
        assertThat(fromDir.partials()).containsOnlyKeys("greeting", "signature", "imports");
        assertThat(fromDir.partials().get("imports")).as("the bundled partial, not overridden")
                .contains("import dev.poet.runtime.reliability.Reliability;");
        assertThat(new TemplateRenderer().render(fromDir, "U", "a.B", List.of(model)))
                .startsWith("[dir says M0 (dir)|import dev.poet.bridge.Call;");
        assertThat(fromDir.fullSource()).contains("dir says", "(dir)", "import dev.poet.bridge.Call;");

        Files.createDirectories(home.resolve("templates/_shared/v2"));
        Files.writeString(home.resolve("templates/_shared/v2/signature.mustache"), "(home)");
        Files.writeString(home.resolve("templates/_shared/current"), "v2\n");
        Template overridden = new TemplateRepository(home, dir, getClass().getClassLoader()).find("mine");
        assertThat(new TemplateRenderer().render(overridden, "U", "a.B", List.of(model)))
                .as("a single partial overridden in poet.home").startsWith("[dir says M0 (home)|");
    }

    @Test
    void aPartialThatIsNowhereOrBadlyNamedMakesTheTemplateUnusable() throws Exception {
        Path dir = temp.resolve("dir");
        writeTemplate(dir.resolve("missing"), "1", "{{> nowhere}}");
        writeTemplate(dir.resolve("escaping"), "1", "{{> ../../etc/passwd}}");
        TemplateRepository repository = new TemplateRepository(null, dir, getClass().getClassLoader());
        assertThatThrownBy(() -> repository.find("missing")).isInstanceOf(TemplateNotFound.class)
                .hasMessageContaining("partial 'nowhere'").hasMessageContaining("_shared");
        assertThatThrownBy(() -> repository.find("escaping")).isInstanceOf(TemplateNotFound.class)
                .hasMessageContaining("letters, digits");
    }

    @Test
    void everyBundledTemplateIncludesTheSharedWiring() throws Exception {
        TemplateRepository repository = new TemplateRepository(null, null, getClass().getClassLoader());
        for (String domain : new String[]{"base", "api_operations", "financial_risk", "llm_ops", "ml_monitoring"}) {
            Template t = repository.find(domain);
            assertThat(t.partials()).as(domain).containsKeys("imports", "reliability", "constraint-fields",
                    "constraint-validators");
            assertThat(t.source()).as(domain + " builds no retry of its own").doesNotContain("Retry.builder",
                    "new RetryBudget", "new Attempt()");
            assertThat(t.source()).as(domain + " writes no second default").doesNotContainPattern(
                    "get(Int|Long|Double|String|Boolean)\\(\"");
        }
    }
}
