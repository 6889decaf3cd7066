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
}
