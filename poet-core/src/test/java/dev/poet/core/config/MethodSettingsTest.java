package dev.poet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodSettingsTest {

    @TempDir
    Path wd;

    private PoetConfig loadFile(Map<String, String> sys, String... lines) throws IOException {
        Files.write(wd.resolve("agent.properties"), List.of(lines));
        return ConfigLoader.load(null, sys, Map.of(), wd);
    }

    @Test
    void nameOnlySettingsApplyToEveryOverloadWithTypedGetters() throws IOException {
        PoetConfig c = loadFile(Map.of(),
                "poet.method.com.acme.Pricing.quote.domain=pricing",
                "poet.method.com.acme.Pricing.quote.optimize-for=latency",
                "poet.method.com.acme.Pricing.quote.retries=3",
                "poet.method.com.acme.Pricing.quote.timeout-ms=2000",
                "poet.method.com.acme.Pricing.quote.idempotent=false",
                "poet.method.com.acme.Pricing.quote.max-price=99.5");
        assertThat(c.problems()).isEmpty();
        MethodSettings s = c.settingsFor("com.acme.Pricing", "quote", List.of("int"));
        assertThat(s.domain()).contains("pricing");
        assertThat(s.optimizeFor()).contains("latency");
        assertThat(s.retries()).hasValue(3);
        assertThat(s.timeoutMs()).hasValue(2000);
        assertThat(s.idempotent()).contains(false);
        assertThat(s.enabled()).isTrue();
        assertThat(s.get("max-price")).contains("99.5");
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of())).isEqualTo(s);
        assertThat(c.settingsFor("com.acme.Pricing", "other", List.of())).isEqualTo(MethodSettings.EMPTY);
        assertThat(c.settingsFor("com.acme.Pricin", "quote", List.of()).isEmpty()).isTrue();
    }

    @Test
    void aParameterRoleIsAddressedByPositionForEveryOverloadOrOne() throws IOException {
        PoetConfig c = loadFile(Map.of(),
                "poet.method.com.acme.Loans.score.param.0.role=income",
                "poet.method.com.acme.Loans.score(double,double).param.1.role=rate",
                "poet.method.com.acme.Loans.score.param.x.role=rate");
        assertThat(c.problems()).hasSize(1);
        assertThat(c.problems().get(0).toString()).contains("poet.method.com.acme.Loans.score.param.x.role");
        MethodSettings s = c.settingsFor("com.acme.Loans", "score", List.of("double", "double"));
        assertThat(s.get("param.0.role")).contains("income");
        assertThat(s.get("param.1.role")).contains("rate");
        assertThat(c.settingsFor("com.acme.Loans", "score", List.of("int")).get("param.1.role")).isEmpty();
    }

    @Test
    void overloadSpecificSettingsWinWithSimpleOrQualifiedTypeNames() throws IOException {
        PoetConfig c = loadFile(Map.of(),
                "poet.method.com.acme.Pricing.quote.retries=3",
                "poet.method.com.acme.Pricing.quote(int,java.lang.String).retries=1",
                "poet.method.com.acme.Pricing.quote(int[],String...).retries=2",
                "poet.method.com.acme.Pricing.quote(Outer.Inner).retries=4",
                "poet.method.com.acme.Pricing.quote().enabled=false");
        assertThat(c.problems()).isEmpty();
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("int", "java.lang.String")).retries())
                .hasValue(1);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("int[]", "java.lang.String[]")).retries())
                .hasValue(2);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("com.acme.Outer$Inner")).retries())
                .hasValue(4);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("long")).retries()).hasValue(3);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("int", "java.lang.Object")).retries())
                .hasValue(3);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of()).enabled()).isFalse();
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("int")).enabled()).isTrue();
    }

    @Test
    void simpleAndQualifiedSpellingsAddressTheSameOverload() throws IOException {
        PoetConfig c = loadFile(Map.of(), "poet.method.com.acme.Pricing.quote(int,String).retries=1");
        PoetConfig d = loadFile(Map.of(), "poet.method.com.acme.Pricing.quote(int,java.lang.String).retries=1");
        List<String> sig = List.of("int", "java.lang.String");
        assertThat(c.settingsFor("com.acme.Pricing", "quote", sig).retries()).hasValue(1);
        assertThat(d.settingsFor("com.acme.Pricing", "quote", sig).retries()).hasValue(1);
        assertThat(c.settingsFor("com.acme.Pricing", "quote", List.of("int", "com.x.String2")).retries())
                .isEmpty();
    }

    @Test
    void systemPropertiesOverrideFileEntriesAndNestedClassesWork() throws IOException {
        PoetConfig c = loadFile(Map.of("poet.method.a.Outer$Inner.run.retries", "5"),
                "poet.method.a.Outer$Inner.run.retries=2");
        assertThat(c.settingsFor("a.Outer$Inner", "run", List.of()).retries()).hasValue(5);
    }

    @Test
    void malformedPerMethodEntriesAreReportedAndDropped() throws IOException {
        PoetConfig c = loadFile(Map.of(),
                "poet.method.a.B.m.retries=many",
                "poet.method.a.B.m.timeout-ms=0",
                "poet.method.a.B.m.idempotent=perhaps",
                "poet.method.a.B.m(int.retries=1",
                "poet.method.retries=1",
                "poet.method.a.B.m.domain=base");
        assertThat(c.problems()).hasSize(5);
        assertThat(c.settingsFor("a.B", "m", List.of()).asMap()).containsOnlyKeys("domain");
    }
}
