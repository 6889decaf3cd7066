package dev.poet.core.engine;

import java.util.Map;

import org.codehaus.janino.SimpleCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call is its own outcome, so its outcome fields are written after construction and cannot be final. Generated
 * code that sets them (to pass its own exception off as the original's, say) or runs the call's Attempt view by
 * name must be refused by the audit, however it names the member.
 */
class CallOutcomeAuditTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "write thrown through Call   | call.thrown = new IllegalStateException(\"mine\");",
            "write value through Call    | call.value = \"forged\";",
            "read value through Call     | Object v = call.value;",
            "write thrown through Outcome| ((Outcome) call).thrown = new IllegalStateException(\"mine\");",
            "Outcome factory             | Outcome o = Outcome.returning(\"forged\");",
            "run the call by name        | Object r = call.run();"})
    void refused(String name, String body) throws Exception {
        AuditResult result = audit(body);

        assertThat(result.isPassed()).as(result.describe()).isFalse();
        assertThat(result.describe()).contains("dev.poet.bridge.");
    }

    @Test
    void theSameEnhancementWithoutItPasses() throws Exception {
        AuditResult result = audit("String id = call.executionId();");

        assertThat(result.isPassed()).as(result.describe()).isTrue();
    }

    private AuditResult audit(String body) throws Exception {
        String source = "import dev.poet.bridge.*;\n"
                + "public class Gen implements Enhancement {\n"
                + "  public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + "    " + body + "\n"
                + "    return args;\n"
                + "  }\n"
                + "  public Object operate(Call call, Object[] args) throws Throwable { return call.attempt(args).run(); }\n"
                + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(getClass().getClassLoader());
        compiler.cook(source);
        Map<String, byte[]> classes = compiler.getBytecodes();
        return new BytecodeAuditor().audit(classes, AuditPolicy.none());
    }
}
