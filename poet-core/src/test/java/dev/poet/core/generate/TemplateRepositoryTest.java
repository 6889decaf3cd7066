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
}
