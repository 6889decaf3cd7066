package dev.poet.core.domains;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.domains.Legacy;

import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** A new domain is a new folder in poet.templates.dir: no Java change. */
class NewDomainFolderTest {

    @Test
    void aDomainFromAFolderIsFoundRenderedAndRun(@TempDir Path dir) throws Throwable {
        Path folder = Files.createDirectories(dir.resolve("doubling"));
        Files.writeString(folder.resolve("template.properties"), "version=7\ndescription=doubles results\n"
                + "# How much to multiply by.\nparam.factor=2\n");
        Files.writeString(folder.resolve("prompt.md"), "Multiply the result by the factor parameter.\n");
        Files.writeString(folder.resolve("Enhancement.java.mustache"), ""
                + "package {{package}};\n"
                + "import dev.poet.bridge.*;\n"
                + "public final class {{unit}} {\n"
                + "{{#methods}}\n"
                + "  public static final class {{nested}} implements Enhancement {\n"
                + "    private final MethodContext ctx;\n"
                + "    public {{nested}}(MethodContext ctx) { this.ctx = ctx; }\n"
                + "    public Object[] perceive(Call call, Object[] args) { return args; }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "    public Object enforce(Call call, Object result) {\n"
                + "      return Long.valueOf(((Long) result).longValue() * ctx.params().getLong(\"factor\", 1L));\n"
                + "    }\n"
                + "  }\n"
                + "{{/methods}}\n"
                + "}\n");
        TemplateRepository repo = new TemplateRepository(null, dir, NewDomainFolderTest.class.getClassLoader());
        Template template = repo.find("doubling");
        assertThat(template.version()).isEqualTo("7");
        assertThat(template.defaults()).containsEntry("factor", "2");
        assertThat(template.prompt()).contains("factor");
        DomainHarness h = DomainHarness.of(repo, Legacy.class, "pure", "doubling");
        assertThat(h.invoke(null, 1, 2L, 0.0)).isEqualTo(2 * Legacy.pure(1, 2L, 0.0));
        assertThat(DomainHarness.of(repo, Legacy.class, "pure", "doubling", "factor", "3").invoke(null, 1, 2L, 0.0))
                .isEqualTo(3 * Legacy.pure(1, 2L, 0.0));
    }

    @Test
    void everyBundledDomainIsDocumented() throws Exception {
        for (String domain : new String[]{"base", "ml_monitoring", "api_operations", "financial_risk", "llm_ops"}) {
            Template t = DomainHarness.bundled().find(domain);
            assertThat(t.description()).as(domain).isNotBlank();
            assertThat(t.prompt()).as(domain).isNotBlank();
            assertThat(t.defaults()).as(domain).isNotEmpty();
        }
    }

    private static void writeRetryingDomain(Path dir, String properties) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("retrying"));
        Files.writeString(folder.resolve("template.properties"), "version=1\ndescription=retries\n" + properties);
        Files.writeString(folder.resolve("Enhancement.java.mustache"), ""
                + "package {{package}};\n"
                + "{{> imports}}\n"
                + "public final class {{unit}} {\n"
                + "{{#methods}}\n"
                + "  public static final class {{nested}} implements Enhancement {\n"
                + "    private final Reliability reliability;\n"
                + "    public {{nested}}(MethodContext ctx) { this.reliability = {{> reliability}}.build(); }\n"
                + "    public Object[] perceive(Call call, Object[] args) { return args; }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable {\n"
                + "      return reliability.execute(call.attempt(args));\n"
                + "    }\n"
                + "    public Object enforce(Call call, Object result) { return result; }\n"
                + "  }\n"
                + "{{/methods}}\n"
                + "}\n");
    }

    @Test
    void aUserTemplateUsesTheSharedPartialsAndItsOwnDefaults(@TempDir Path dir) throws Throwable {
        writeRetryingDomain(dir, "param.retries=4\nparam.backoff-initial-ms=0\nparam.backoff-multiplier=1\n"
                + "param.backoff-max-ms=0\nparam.retry-budget-max-tokens=50\nparam.retry-budget-token-ratio=1\n");
        TemplateRepository repo = new TemplateRepository(null, dir, NewDomainFolderTest.class.getClassLoader());
        DomainHarness h = DomainHarness.of(repo, com.example.domains.Swaps.class, "fetch", "retrying");
        com.example.domains.Swaps app = new com.example.domains.Swaps();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.invoke(app, "a"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(app.attempts).as("retries=4 from the template's own template.properties").isEqualTo(4);
    }

    @Test
    void aTemplateThatLacksAParameterItsWiringNeedsIsNeverBuilt(@TempDir Path dir) throws Throwable {
        writeRetryingDomain(dir, "param.retries=4\nparam.backoff-initial-ms=0\nparam.backoff-multiplier=1\n"
                + "param.backoff-max-ms=0\nparam.retry-budget-token-ratio=1\n");
        TemplateRepository repo = new TemplateRepository(null, dir, NewDomainFolderTest.class.getClassLoader());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DomainHarness.of(repo, com.example.domains.Swaps.class, "fetch", "retrying"))
                .hasRootCauseInstanceOf(dev.poet.runtime.params.MissingParameterException.class)
                .rootCause().hasMessageContaining("'retry-budget-max-tokens' is missing");
    }
}
