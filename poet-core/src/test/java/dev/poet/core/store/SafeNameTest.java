package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeNameTest {

    @Test
    void acceptsWhatTheAgentItselfWrites() {
        for (String domain : new String[] {"base", "api_operations", "financial_risk", "llm_ops", "ml_monitoring",
                "payments2"}) {
            assertThat(SafeName.domain(domain)).isEqualTo(domain);
        }
        assertThat(SafeName.version("v1")).isEqualTo("v1");
        assertThat(SafeName.version("v123456789")).isEqualTo("v123456789");
        String key = MethodKey.of("com.acme.Outer$Inner", "<init>", "()V", "x").value();
        assertThat(SafeName.methodKey(key)).isEqualTo(key);
        assertThat(MethodKey.parse(key).value()).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "..                  | path traversal",
            "../etc              | path traversal",
            "base/..             | path traversal",
            "a/b                 | path separator",
            "a\\b                | path separator",
            "/etc/passwd         | absolute path",
            "\\\\server\\share   | absolute path",
            "C:\\Windows         | absolute path",
            "%2e%2e              | percent-encoded",
            "%2E%2E%2Fetc        | percent-encoded",
            "..%2fetc            | percent-encoded",
            "%252e%252e          | percent-encoded",
            "base%00             | NUL"})
    void everyTraversalFormIsRefusedByEveryKindWithTheValueNamed(String value, String why) {
        for (UnaryOperator<String> check : checks()) {
            assertThatThrownBy(() -> check.apply(value)).isInstanceOf(SafeName.UnsafeNameException.class)
                    .hasMessageContaining("'" + value + "'").hasMessageContaining(why);
        }
        assertThatThrownBy(() -> MethodKey.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value);
    }

    @Test
    void aNulIsRefusedAndPrintedEscaped() {
        for (UnaryOperator<String> check : checks()) {
            assertThatThrownBy(() -> check.apply("base\0.txt")).hasMessageContaining("'base\\u0000.txt'")
                    .hasMessageContaining("NUL").hasMessageNotContaining("\0");
            assertThatThrownBy(() -> check.apply("v1\n[poet] INFO forged")).hasMessageContaining("\\u000a")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void malformedNamesAreRefusedWithWhatIsExpected() {
        for (String domain : new String[] {"", "Base", "my-domain", "my.domain", ".hidden", "1st", "a".repeat(65)}) {
            assertThatThrownBy(() -> SafeName.domain(domain)).as(domain).hasMessageContaining("invalid domain name")
                    .hasMessageContaining("lower-case letter");
        }
        for (String version : new String[] {"", "v0", "3", "v01", "V3", "v3 ", "v1234567890", "current"}) {
            assertThatThrownBy(() -> SafeName.version(version)).as(version).hasMessageContaining("invalid version name");
        }
        for (String key : new String[] {"", "a~b", "a~b~1234567", "a~b~1234ABCD", "a.~m..x~12345678",
                "a..b~m~12345678", ".a~m~12345678x"}) {
            assertThatThrownBy(() -> SafeName.methodKey(key)).as(key).hasMessageContaining("invalid method key");
        }
        assertThatThrownBy(() -> SafeName.domain(null)).hasMessageContaining("invalid domain name (none)");
    }

    private static UnaryOperator<String>[] checks() {
        @SuppressWarnings("unchecked")
        UnaryOperator<String>[] checks = new UnaryOperator[] {
                (UnaryOperator<String>) SafeName::domain, (UnaryOperator<String>) SafeName::version,
                (UnaryOperator<String>) SafeName::methodKey};
        return checks;
    }
}
