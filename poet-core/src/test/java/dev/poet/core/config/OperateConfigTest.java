package dev.poet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operating keys: poll interval, review mode, and the selection as the operator sees it. */
class OperateConfigTest {

    @TempDir
    Path wd;

    @Test
    void defaultsAndValues() {
        PoetConfig defaults = ConfigLoader.load(null, Map.of(), Map.of(), wd);
        assertThat(defaults.operatePollMs()).isEqualTo(1000);
        assertThat(defaults.review()).isEqualTo(ReviewMode.AUTO);
        assertThat(defaults.methodsIncludeText()).isEmpty();

        PoetConfig set = ConfigLoader.load(null, Map.of("poet.review", "MANUAL", "poet.operate.poll-ms", "200",
                "poet.methods.include", "a.B[x,y];c.D[*]"), Map.of(), wd);
        assertThat(set.review()).isEqualTo(ReviewMode.MANUAL);
        assertThat(set.operatePollMs()).isEqualTo(200);
        assertThat(set.methodsIncludeText()).isEqualTo("a.B[x,y];c.D[*]");
    }

    @Test
    void wildcardsAndMethodGlobsAreWrittenBackAsConfigured() {
        String include = "com.acme..*[get*];com.acme.billing.*Service[load,*Async];c.D[*]";
        PoetConfig set = ConfigLoader.load(null, Map.of("poet.methods.include", include), Map.of(), wd);
        assertThat(set.methodsIncludeText()).isEqualTo(include);
        assertThat(IncludeParser.parse(set.methodsIncludeText()).selectors()).isEqualTo(set.methodsInclude());
    }

    @Test
    void aBadValueIsAProblemNamingTheKeyAndTheDefaultStays() {
        PoetConfig bad = ConfigLoader.load(null, Map.of("poet.review", "sometimes", "poet.operate.poll-ms", "10"),
                Map.of(), wd);
        assertThat(bad.review()).isEqualTo(ReviewMode.AUTO);
        assertThat(bad.operatePollMs()).isEqualTo(1000);
        assertThat(bad.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("poet.review");
            assertThat(p.reason()).contains("auto|manual");
        });
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.key()).isEqualTo("poet.operate.poll-ms"));
    }
}
