package dev.poet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MethodsIncludeTest {

    private static PoetConfig withInclude(String include) {
        return ConfigLoader.load(null, Map.of("poet.methods.include", include), Map.of(), Path.of("/tmp"));
    }

    @Test
    void parsesClassesMethodsWildcardsAndNestedClassesToleratingWhitespace() {
        PoetConfig c = withInclude(" pkg.Cls[ m1 , m2 ] ; pkg.Other[*];pkg.Outer$Inner[run]; ");
        assertThat(c.problems()).isEmpty();
        assertThat(c.methodsInclude()).containsExactly(
                MethodSelector.of("pkg.Cls", Set.of("m1", "m2")),
                MethodSelector.allOf("pkg.Other"),
                MethodSelector.of("pkg.Outer$Inner", Set.of("run")));
        assertThat(c.includes("pkg.Cls", "m2")).isTrue();
        assertThat(c.includes("pkg.Cls", "m3")).isFalse();
        assertThat(c.includes("pkg.Other", "anything")).isTrue();
        assertThat(c.includes("pkg.Outer$Inner", "run")).isTrue();
        assertThat(c.includes("pkg.Outer", "run")).isFalse();
        assertThat(c.includes("pkg.OtherX", "anything")).isFalse();
    }

    @Test
    void selectorMatching() {
        MethodSelector s = MethodSelector.of("a.B", Set.of("x"));
        assertThat(s.matchesClass("a.B")).isTrue();
        assertThat(s.matchesClass("a.b")).isFalse();
        assertThat(s.matchesMethod("x")).isTrue();
        assertThat(s.matchesMethod("y")).isFalse();
        assertThat(MethodSelector.allOf("a.B").matchesMethod("y")).isTrue();
        assertThat(s).hasToString("a.B[x]");
    }

    @Test
    void eachMalformedEntryIsReportedByNameAndTheOthersApply() {
        PoetConfig c = withInclude("good.A[m];noBrackets;[m];bad-name.C[m];good.D[9x];good.E[];good.F[n]");
        assertThat(c.methodsInclude()).containsExactly(
                MethodSelector.of("good.A", Set.of("m")), MethodSelector.of("good.F", Set.of("n")));
        assertThat(c.problems()).extracting(ConfigProblem::value)
                .containsExactly("noBrackets", "[m]", "bad-name.C[m]", "good.D[9x]", "good.E[]");
        assertThat(c.problems()).allSatisfy(p -> assertThat(p.key()).isEqualTo("poet.methods.include"));
        assertThat(c.problems().get(1).reason()).isEqualTo("empty class name");
    }

    @Test
    void packageWildcardSelectsTheClassesDirectlyInThePackageOnly() {
        PoetConfig c = withInclude("com.acme.billing.*[*]");
        assertThat(c.problems()).isEmpty();
        MethodSelector s = c.methodsInclude().get(0);
        assertThat(s.isExactClass()).isFalse();
        assertThat(s).hasToString("com.acme.billing.*[*]");
        assertThat(c.includes("com.acme.billing.Invoice", "total")).isTrue();
        assertThat(c.includes("com.acme.billing.Invoice$Line", "total")).isTrue();
        assertThat(c.includes("com.acme.billing.tax.Rates", "total")).isFalse();
        assertThat(c.includes("com.acme.Billing", "total")).isFalse();
        assertThat(c.includes("com.acme.billingx.Invoice", "total")).isFalse();
        assertThat(c.includes("com.acme.billing", "total")).isFalse();
    }

    @Test
    void subtreeWildcardSelectsThePackageAndEverySubpackage() {
        PoetConfig c = withInclude("com.acme..*[get*]");
        assertThat(c.problems()).isEmpty();
        assertThat(c.includes("com.acme.Service", "getPrice")).isTrue();
        assertThat(c.includes("com.acme.billing.tax.Rates", "get")).isTrue();
        assertThat(c.includes("com.acme.billing.tax.Rates", "put")).isFalse();
        assertThat(c.includes("com.acme.billing.tax.Rates", "forget")).isFalse();
        assertThat(c.includes("com.acmex.Service", "getPrice")).isFalse();
        assertThat(c.includes("com.Service", "getPrice")).isFalse();
        assertThat(c.includes("com.acme", "getPrice")).isFalse();
        assertThat(c.methodsInclude().get(0)).hasToString("com.acme..*[get*]");
    }

    @Test
    void classAndMethodGlobsCombineWithExactNames() {
        PoetConfig c = withInclude("com.acme.*Service[load,*Async,a*b*c];com.acme..*Dao[*]");
        assertThat(c.problems()).isEmpty();
        MethodSelector s = c.methodsInclude().get(0);
        assertThat(s.methodNames()).containsExactly("load");
        assertThat(s.methodGlobs()).containsExactly("*Async", "a*b*c");
        assertThat(c.includes("com.acme.PriceService", "load")).isTrue();
        assertThat(c.includes("com.acme.Service", "sendAsync")).isTrue();
        assertThat(c.includes("com.acme.PriceService", "axxbyyc")).isTrue();
        assertThat(c.includes("com.acme.PriceService", "abcd")).isFalse();
        assertThat(c.includes("com.acme.PriceServices", "load")).isFalse();
        assertThat(c.includes("com.acme.sub.PriceService", "load")).isFalse();
        assertThat(c.includes("com.acme.sub.deep.UserDao", "find")).isTrue();
        assertThat(c.includes("com.acme.sub.DaoFactory", "find")).isFalse();
    }

    @Test
    void exactEntriesParseAsBeforeAndEqualTheirFactories() {
        PoetConfig c = withInclude("a.B[m1,m2];c.D[x,*];e.F$G[run]");
        assertThat(c.problems()).isEmpty();
        assertThat(c.methodsInclude()).containsExactly(MethodSelector.of("a.B", Set.of("m2", "m1")),
                MethodSelector.allOf("c.D"), MethodSelector.of("e.F$G", Set.of("run")));
        assertThat(c.methodsInclude()).allSatisfy(s -> assertThat(s.isExactClass()).isTrue());
    }

    @Test
    void malformedWildcardsAreReportedWithTheReason() {
        PoetConfig c = withInclude("*[m];..*[m];com.*.x.Y[m];com..a.B[m];a.b..*[9*];a.b.*[g-*];ok..*[m];a.*$-[m]");
        assertThat(c.methodsInclude()).extracting(MethodSelector::toString).containsExactly("ok..*[m]");
        assertThat(c.problems()).extracting(ConfigProblem::value).containsExactly(
                "*[m]", "..*[m]", "com.*.x.Y[m]", "com..a.B[m]", "a.b..*[9*]", "a.b.*[g-*]", "a.*$-[m]");
        assertThat(c.problems().get(0).reason()).contains("needs a package");
        assertThat(c.problems().get(1).reason()).contains("no package before '..'");
        assertThat(c.problems().get(2).reason()).contains("only after the last '.'");
        assertThat(c.problems().get(3).reason()).contains("expected <package>..<class pattern>");
        assertThat(c.problems().get(5).reason()).isEqualTo("illegal method name pattern 'g-*'");
    }

    @Test
    void theParserIsUsableOnItsOwnForARunTimeSelection() {
        IncludeParser.Result r = IncludeParser.parse("x.Y[a];broken");
        assertThat(r.selectors()).containsExactly(MethodSelector.of("x.Y", Set.of("a")));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo("broken"));
        assertThat(IncludeParser.parse(null).selectors()).isEmpty();
    }
}
