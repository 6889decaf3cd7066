package dev.poet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path wd;

    @org.junit.jupiter.api.Test
    void theDefaultServiceNameIsTheJarsNameForJavaDashJarElseTheMainClass() {
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.serviceNameOf("/opt/apps/billing-1.4.jar --port 80"))
                .isEqualTo("billing-1.4");
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.serviceNameOf("C:\\apps\\Billing.JAR"))
                .isEqualTo("Billing");
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.serviceNameOf("com.acme.Main arg")).isEqualTo("com.acme.Main");
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.serviceNameOf("  ")).isNull();
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.serviceNameOf(null)).isNull();
    }

    private PoetConfig load(String args, Map<String, String> sys, Map<String, String> env) {
        return ConfigLoader.load(args, sys, env, wd);
    }

    private void writeDefaultFile(String... lines) throws IOException {
        Files.write(wd.resolve("agent.properties"), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        PoetConfig c = load(null, Map.of(), Map.of());
        assertThat(c.problems()).isEmpty();
        assertThat(c.enabled()).isTrue();
        assertThat(c.home()).isEqualTo(wd.resolve(".poet").toAbsolutePath().normalize());
        assertThat(c.methodsInclude()).isEmpty();
        assertThat(c.generator()).isEqualTo(GeneratorKind.TEMPLATE);
        assertThat(c.activation()).isEqualTo(ActivationMode.ASYNC);
        assertThat(c.activationTimeoutMs()).isEqualTo(5000);
        assertThat(c.templatesDir()).isEmpty();
        assertThat(c.llmProvider()).isEmpty();
        assertThat(c.llmApiKey()).isEmpty();
        assertThat(c.sourcePath()).isEmpty();
        assertThat(c.httpPort()).isEmpty();
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(c.serviceName()).isEmpty();
        assertThat(c.environment()).isEqualTo("default");
        assertThat(c.summary()).isTrue();
        assertThat(c.quarantineFailures()).isEqualTo(5);
        assertThat(c.versionsMax()).isEqualTo(10);
        assertThat(c.fleet()).isEqualTo(Fleet.LOCAL);
        assertThat(c.configFile()).isEmpty();
        assertThat(c.sourceOf(ConfigKeys.HOME)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void llmKeysHaveDocumentedDefaultsAndBadValuesAreReported() {
        PoetConfig d = load(null, Map.of(), Map.of());
        assertThat(d.llmTimeoutMs()).isEqualTo(60_000L);
        assertThat(d.llmTotalTimeoutMs()).isEqualTo(180_000L);
        assertThat(d.llmMaxTokens()).isEqualTo(4096);
        assertThat(d.llmTemperature()).isEqualTo(0.0);
        assertThat(d.llmMaxConcurrent()).isEqualTo(2);
        assertThat(d.llmRateLimitPerMinute()).isEqualTo(100);
        assertThat(d.llmRepairTurns()).isEqualTo(2);
        assertThat(d.llmMaxAnswerChars()).isEqualTo(200_000);

        PoetConfig c = load(null, Map.of("poet.llm.timeout-ms", "250", "poet.llm.temperature", "0.7",
                "poet.llm.repair-turns", "0", "poet.llm.max-concurrent", "zero", "poet.llm.max-tokens", "-5",
                "poet.llm.total-timeout-ms", "NaN", "poet.llm.rate-limit-per-minute", "0"), Map.of());
        assertThat(c.llmTimeoutMs()).isEqualTo(250L);
        assertThat(c.llmTemperature()).isEqualTo(0.7);
        assertThat(c.llmRepairTurns()).isZero();
        assertThat(c.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("poet.llm.max-concurrent",
                "poet.llm.max-tokens", "poet.llm.total-timeout-ms", "poet.llm.rate-limit-per-minute");
        assertThat(c.llmMaxConcurrent()).isEqualTo(2);
        assertThat(load(null, Map.of("poet.llm.temperature", "3"), Map.of()).problems())
                .singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("out of range 0.0..2.0"));
    }

    @Test
    void serviceNameDefaultsToTheGivenMainClass() {
        PoetConfig c = ConfigLoader.load(null, Map.of(), Map.of(), wd, "com.acme.Main");
        assertThat(c.serviceName()).contains("com.acme.Main");
    }

    /** Every subset of the four sources: the highest present one wins. */
    @ParameterizedTest(name = "sys={0} args={1} env={2} file={3}")
    @CsvSource({
            "false,false,false,false", "false,false,false,true", "false,false,true,false", "false,false,true,true",
            "false,true,false,false", "false,true,false,true", "false,true,true,false", "false,true,true,true",
            "true,false,false,false", "true,false,false,true", "true,false,true,false", "true,false,true,true",
            "true,true,false,false", "true,true,false,true", "true,true,true,false", "true,true,true,true"})
    void precedenceInEveryCombination(boolean sys, boolean args, boolean env, boolean file) throws IOException {
        if (file) {
            writeDefaultFile("poet.environment=file");
        }
        PoetConfig c = load(args ? "poet.environment=args" : null,
                sys ? Map.of("poet.environment", "sys") : Map.of(),
                env ? Map.of("POET_ENVIRONMENT", "env") : Map.of());
        String expected = sys ? "sys" : args ? "args" : env ? "env" : file ? "file" : "default";
        ConfigSource source = sys ? ConfigSource.SYSTEM_PROPERTY : args ? ConfigSource.AGENT_ARGUMENT
                : env ? ConfigSource.ENVIRONMENT : file ? ConfigSource.FILE : ConfigSource.DEFAULT;
        assertThat(c.environment()).isEqualTo(expected);
        assertThat(c.sourceOf(ConfigKeys.ENVIRONMENT)).isEqualTo(source);
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void environmentNamesMapDotsAndDashesToUnderscores() {
        assertThat(ConfigKeys.envName("poet.activation.timeout-ms")).isEqualTo("POET_ACTIVATION_TIMEOUT_MS");
        assertThat(ConfigKeys.envName("poet.llm.api-key")).isEqualTo("POET_LLM_API_KEY");
        PoetConfig c = load(null, Map.of(), Map.of(
                "POET_ACTIVATION_TIMEOUT_MS", "250",
                "POET_LLM_API_KEY", "sk-secret",
                "POET_HTTP_PORT", "8081",
                "POET_VERSIONS_MAX", "3",
                "POET_UNRELATED_THING", "x"));
        assertThat(c.activationTimeoutMs()).isEqualTo(250);
        assertThat(c.llmApiKey()).contains("sk-secret");
        assertThat(c.httpPort()).hasValue(8081);
        assertThat(c.versionsMax()).isEqualTo(3);
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void discoversAgentPropertiesInTheWorkingDirectory() throws IOException {
        writeDefaultFile("# comment", "poet.generator=llm", "poet.llm.provider=ollama", "other.key=ignored");
        PoetConfig c = load(null, Map.of(), Map.of());
        assertThat(c.generator()).isEqualTo(GeneratorKind.LLM);
        assertThat(c.llmProvider()).contains(LlmProvider.OLLAMA);
        assertThat(c.configFile()).contains(wd.resolve("agent.properties"));
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void explicitFileFromSystemPropertyOrAgentArgsReplacesTheDefaultFile() throws IOException {
        writeDefaultFile("poet.environment=discovered");
        Files.writeString(wd.resolve("a.properties"), "poet.environment=a\n");
        Files.writeString(wd.resolve("b.properties"), "poet.environment=b\n");
        assertThat(load("config=a.properties", Map.of(), Map.of()).environment()).isEqualTo("a");
        assertThat(load("config=a.properties", Map.of("poet.config", "b.properties"), Map.of()).environment())
                .isEqualTo("b");
        assertThat(load(null, Map.of(), Map.of("POET_CONFIG", "b.properties")).environment()).isEqualTo("b");
    }

    @Test
    void missingExplicitFileIsReportedAndDefaultsApply() throws IOException {
        writeDefaultFile("poet.environment=discovered");
        PoetConfig c = load(null, Map.of("poet.config", "nope.properties"), Map.of());
        assertThat(c.environment()).isEqualTo("default");
        assertThat(c.problems()).containsExactly(new ConfigProblem("poet.config", "nope.properties",
                "file not found: " + wd.resolve("nope.properties").toAbsolutePath().normalize()));
    }

    @Test
    void malformedValuesAreReportedOnceAndTheRestApplies() throws IOException {
        writeDefaultFile(
                "poet.http.port=eighty",
                "poet.generator=gpt",
                "poet.enabled=maybe",
                "poet.versions.max=0",
                "poet.environment=staging",
                "poet.activation=eager");
        PoetConfig c = load(null, Map.of(), Map.of());
        assertThat(c.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "poet.http.port", "poet.generator", "poet.enabled", "poet.versions.max");
        assertThat(c.problems()).filteredOn(p -> p.key().equals("poet.http.port"))
                .singleElement().satisfies(p -> {
                    assertThat(p.value()).isEqualTo("eighty");
                    assertThat(p.reason()).isEqualTo("not an integer");
                });
        assertThat(c.httpPort()).isEmpty();
        assertThat(c.generator()).isEqualTo(GeneratorKind.TEMPLATE);
        assertThat(c.enabled()).isTrue();
        assertThat(c.versionsMax()).isEqualTo(10);
        assertThat(c.environment()).isEqualTo("staging");
        assertThat(c.activation()).isEqualTo(ActivationMode.EAGER);
    }

    @Test
    void malformedHigherPrecedenceValueFallsBackToTheDefault() throws IOException {
        writeDefaultFile("poet.http.port=8080");
        PoetConfig c = load(null, Map.of("poet.http.port", "x"), Map.of());
        assertThat(c.httpPort()).isEmpty();
        assertThat(c.problems()).hasSize(1);
        assertThat(c.describe()).contains("invalid value from system property ignored");
    }

    @Test
    void unknownPoetKeysAreReportedOnceButPerMethodAndKafkaKeysAreNot() throws IOException {
        writeDefaultFile("poet.enabld=false", "poet.method.a.B.m.retries=2", "poet.kafka.bootstrap-servers=k:9092");
        PoetConfig c = load(null, Map.of("poet.enabld", "false", "java.home", "/x"), Map.of());
        assertThat(c.problems()).containsExactly(new ConfigProblem("poet.enabld", "false", "unknown key"));
        assertThat(c.enabled()).isTrue();
        assertThat(c.kafkaSettings()).containsEntry("poet.kafka.bootstrap-servers", "k:9092");
    }

    @Test
    void agentArgsKeepCommasInsideBracketsAndLists() {
        PoetConfig c = load("config=missing.properties,poet.methods.include=a.B[m1,m2];c.D[*],"
                + "source.path=src,lib,log.level=debug", Map.of(), Map.of());
        assertThat(c.methodsInclude()).containsExactly(
                MethodSelector.of("a.B", java.util.Set.of("m1", "m2")), MethodSelector.allOf("c.D"));
        assertThat(c.sourcePath()).containsExactly(wd.resolve("src"), wd.resolve("lib"));
        assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(c.problems()).extracting(ConfigProblem::key).containsExactly("poet.config");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        PoetConfig c = load(null, Map.of("poet.home", "state", "poet.templates.dir", "/abs/tpl"), Map.of());
        assertThat(c.home()).isEqualTo(wd.resolve("state"));
        assertThat(c.templatesDir()).contains(Path.of("/abs/tpl"));
    }

    @Test
    void describeListsSourcesAndMasksSecrets() {
        Map<String, String> sys = new HashMap<>();
        sys.put("poet.llm.api-key", "sk-very-secret");
        sys.put("poet.http.token", "tok-secret");
        sys.put("poet.http.port", "9000");
        PoetConfig c = load(null, sys, Map.of("POET_ENVIRONMENT", "prod"));
        String d = c.describe();
        assertThat(d).doesNotContain("sk-very-secret").doesNotContain("tok-secret");
        assertThat(d).contains("poet.llm.api-key = ****  (system property -Dpoet.llm.api-key)");
        assertThat(d).contains("poet.http.port = 9000  (system property -Dpoet.http.port)");
        assertThat(d).contains("poet.environment = prod  (environment POET_ENVIRONMENT)");
        assertThat(d).contains("poet.enabled = true  (default)");
        assertThat(c.toString()).doesNotContain("sk-very-secret").doesNotContain("tok-secret");
    }
}
