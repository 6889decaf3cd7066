package dev.poet.core.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRepository;

/** Trying, storing and switching template versions against the bundled templates and a temporary home. */
class TemplateCatalogTest {

    static final String BASE = bundledSource("base");
    static final String MARKER = "// trial-marker-7f3a";

    @TempDir
    Path home;

    private TemplateRepository repository;
    private TemplateCatalog catalog;

    static String bundledSource(String domain) {
        return bundledFile(domain, "Enhancement.java.mustache");
    }

    static String bundledFile(String domain, String name) {
        try (InputStream in = TemplateCatalogTest.class.getClassLoader()
                .getResourceAsStream("dev/poet/templates/" + domain + "/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The base source with its Perceive's {@code return args;} replaced. */
    static String basePerceiveReturning(String replacement) {
        assertThat(BASE).contains("            return args;\n");
        return BASE.replace("            return args;\n", replacement);
    }

    static int lineOf(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " not in the text");
    }

    @BeforeEach
    void setUp() {
        repository = new TemplateRepository(home, null, getClass().getClassLoader());
        catalog = new TemplateCatalog(repository, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void everyBundledDomainIsListedWithTheBundledVersionInEffect() throws Exception {
        List<TemplateCatalog.DomainInfo> all = catalog.list();

        assertThat(all).extracting(TemplateCatalog.DomainInfo::domain)
                .contains("base", "ml_monitoring", "api_operations", "financial_risk", "llm_ops")
                .doesNotContain("_shared");
        TemplateCatalog.DomainInfo base = catalog.domain("base");
        assertThat(base.effective().source()).isEqualTo(TemplateCatalog.Source.BUNDLED);
        assertThat(base.effective().templateVersion()).isEqualTo(repository.find("base").version());
        assertThat(catalog.show("base", null).files()).containsEntry("Enhancement.java.mustache", BASE)
                .containsKeys("template.properties", "prompt.md");
    }

    @Test
    void everyBundledTemplatePassesItsTrialOnItsSampleMethod() throws Exception {
        for (TemplateCatalog.DomainInfo d : catalog.list()) {
            TrialResult r = new TemplateTrial().onSample(repository.find(d.domain()));
            assertThat(r.passed()).as(d.domain() + ": " + r.verdict()).isTrue();
        }
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedWithItsTemplateLineAndNothingIsWritten() throws Exception {
        String broken = basePerceiveReturning("            return argz;\n");

        assertThatThrownBy(() -> catalog.create("base", Map.of("Enhancement.java.mustache", broken), "typo", "ann"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.kind()).isEqualTo("refused");
                    assertThat(e.problem().stage()).isEqualTo("compile");
                    assertThat(e.problem().file()).isEqualTo("Enhancement.java.mustache");
                    assertThat(e.problem().line()).isEqualTo(lineOf(broken, "return argz;"));
                    assertThat(e.problem().reason()).contains("argz");
                });
        assertNothingStored("base");
        assertThat(repository.find("base").source()).isEqualTo(BASE);
    }

    @Test
    void aTemplateTheAuditRefusesIsRefusedNamingTheDeniedMember() throws Exception {
        String exits = basePerceiveReturning("            java.lang.System.exit(3);\n            return args;\n");

        TrialResult trial = catalog.validate("base", Map.of("Enhancement.java.mustache", exits));
        assertThat(trial.passed()).isFalse();
        assertThat(trial.problem().stage()).isEqualTo("audit");
        assertThat(trial.problem().reason()).contains("java.lang.System.exit");
        assertThat(trial.problem().line()).isEqualTo(lineOf(exits, "System.exit"));

        assertThatThrownBy(() -> catalog.create("base", Map.of("Enhancement.java.mustache", exits), "", "ann"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.problem().stage()).isEqualTo("audit"));
        assertNothingStored("base");
    }

    @Test
    void aBaseTemplateThatChangesArgumentsFailsVerification() throws Exception {
        String changes = basePerceiveReturning("            return new Object[args.length];\n");

        TrialResult trial = catalog.validate("base", Map.of("Enhancement.java.mustache", changes));

        assertThat(trial.passed()).isFalse();
        assertThat(trial.problem().stage()).isEqualTo("verify");
    }

    @Test
    void aTemplateThatDoesNotRenderNamesTheLine() throws Exception {
        String unclosed = BASE.replace("{{/params}}\n            return args;", "{{/paramz}}\n            return args;");

        TrialResult trial = catalog.validate("base", Map.of("Enhancement.java.mustache", unclosed));

        assertThat(trial.passed()).isFalse();
        assertThat(trial.problem().stage()).isEqualTo("render");
        assertThat(trial.problem().line()).isPositive();
    }

    @Test
    void aGoodTemplateIsStoredAsTheNextVersionMadeCurrentAndFoundByTheRepository() throws Exception {
        Template before = repository.find("base");
        String good = basePerceiveReturning("            " + MARKER + "\n            return args;\n");

        TemplateCatalog.Created v1 = catalog.create("base", Map.of("Enhancement.java.mustache", good),
                "marks perceive", "ann");

        assertThat(v1.version()).isEqualTo("v1");
        assertThat(v1.trial().passed()).isTrue();
        assertThat(Files.readString(home.resolve("templates/base/current")).trim()).isEqualTo("v1");
        Template now = repository.find("base");
        assertThat(now).isNotSameAs(before);
        assertThat(now.source()).contains(MARKER);
        assertThat(now.version()).isEqualTo("1-user");
        assertThat(now.description()).isEqualTo("marks perceive");
        assertThat(now.defaults()).isEqualTo(before.defaults());

        TemplateCatalog.DomainInfo info = catalog.domain("base");
        assertThat(info.current()).isEqualTo("v1");
        assertThat(info.effective().source()).isEqualTo(TemplateCatalog.Source.USER);
        assertThat(info.effective().author()).isEqualTo("ann");
        assertThat(info.effective().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(info.versions()).extracting(TemplateCatalog.VersionInfo::version).containsExactly("v1", "bundled");

        TemplateCatalog.Created v2 = catalog.create("base", Map.of("Enhancement.java.mustache", BASE), "plain", "bo");
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(repository.find("base").source()).doesNotContain(MARKER);

        catalog.setCurrent("base", "v1");
        assertThat(repository.find("base").source()).contains(MARKER);
        catalog.setCurrent("base", TemplateCatalog.DEFAULT);
        assertThat(repository.find("base").source()).isEqualTo(BASE);
        assertThat(home.resolve("templates/base/current")).doesNotExist();
        try (Stream<Path> left = Files.list(home.resolve("templates/base"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("v1", "v2", ".lock");
        }
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefusedBeforeAnyPathIsBuilt() {
        for (String bad : List.of("..", "../x", "a/b", "a\\b", "Base", "", "_shared", "%2e%2e")) {
            assertThatThrownBy(() -> catalog.create(bad, Map.of("Enhancement.java.mustache", BASE), "", "x"))
                    .as(bad).isInstanceOfSatisfying(TemplateException.class,
                            e -> assertThat(e.kind()).isEqualTo("bad_request"));
        }
        for (String bad : List.of("..", "v0", "v1/../../x", "1", "V1", "bundled/..")) {
            assertThatThrownBy(() -> catalog.setCurrent("base", bad)).as(bad)
                    .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("bad_request"));
        }
        assertThatThrownBy(() -> catalog.create("base", Map.of("../Enhancement.java.mustache", BASE), "", "x"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("bad_request"));
        assertThat(home.resolve("templates")).doesNotExist();
    }

    @Test
    void unknownDomainsAndVersionsAreNotFound() {
        assertThatThrownBy(() -> catalog.domain("no_such_domain"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("not_found"));
        assertThatThrownBy(() -> catalog.setCurrent("base", "v9"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("not_found"));
        assertThatThrownBy(() -> catalog.show("base", "v9"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("not_found"));
    }

    @Test
    void aNewDomainNeedsItsPropertiesAndThenUsesTheGeneralSampleMethod() throws Exception {
        assertThatThrownBy(() -> catalog.create("fresh", Map.of("Enhancement.java.mustache", BASE), "", "x"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.kind()).isEqualTo("bad_request"));
        assertThatThrownBy(() -> catalog.create("fresh", Map.of("Enhancement.java.mustache", BASE,
                "template.properties", "version=9\n"), "", "x"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.getMessage())
                        .contains("template.properties", "parameter 'retries' is missing"));
        assertThat(home.resolve("templates")).doesNotExist();

        TemplateCatalog.Created created = catalog.create("fresh", Map.of("Enhancement.java.mustache", BASE,
                "template.properties", bundledFile("base", "template.properties").replace("param.retries=3", "param.retries=2")),
                "new domain", "x");

        assertThat(created.trial().method()).contains("SampleMethods.summarize");
        assertThat(repository.find("fresh").defaults()).containsEntry("retries", "2");
        assertThat(catalog.list()).extracting(TemplateCatalog.DomainInfo::domain).contains("fresh");
    }

    @Test
    void aFolderIsValidatedAsTheDomainItIsNamedAfter(@TempDir Path folders) throws Exception {
        Path dir = Files.createDirectories(folders.resolve("ml_monitoring"));
        Files.writeString(dir.resolve("Enhancement.java.mustache"), bundledSource("ml_monitoring"));

        TrialResult ok = catalog.validateFolder(dir, null);
        assertThat(ok.passed()).as(ok.verdict()).isTrue();
        assertThat(ok.method()).contains("detectDrift");

        Files.writeString(dir.resolve("Enhancement.java.mustache"), "package {{package}};\nclass {{unit}} { int x = ; }\n");
        TrialResult bad = catalog.validateFolder(dir, null);
        assertThat(bad.problem().stage()).isEqualTo("compile");
        assertThat(bad.problem().line()).isEqualTo(2);
        assertThat(home.resolve("templates")).doesNotExist();
    }

    private void assertNothingStored(String domain) {
        assertThat(home.resolve("templates")).doesNotExist();
    }
}
