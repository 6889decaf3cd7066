package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.hostile.HostileApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile enhancements on the real user path: a template directory with a {@code base} template that tries to do
 * harm, the agent with eager activation, and the application's output compared with a run without the agent. Each
 * version must be rejected (by the audit or by verification), with the reason logged, and never activated.
 */
@ExtendWith(SuppressedErrorCheck.class)
class HostileEnhancementIT {

    private static final String METHOD = HostileApp.class.getName() + ".work";

    private static JvmRun plain;

    @BeforeAll
    static void runWithoutAgent() {
        plain = AgentJvm.of(HostileApp.class).withoutAgent().run();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).contains("file exists: true");
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("Runtime.exec", perceive("Runtime.getRuntime().exec(\"touch poet-was-here\");"),
                        "audit rejected", "java.lang.Runtime"),
                Arguments.of("System.exit", perceive("System.exit(3);"), "audit rejected", "java.lang.System.exit"),
                Arguments.of("File.delete through a File parameter",
                        perceive("((java.io.File) args[2]).delete();"), "audit rejected", "java.io.File.delete"),
                Arguments.of("forbidden call in an anonymous inner class", members(
                        "java.util.concurrent.Callable c = new java.util.concurrent.Callable() {\n"
                                + "    public Object call() throws Exception { System.exit(5); return null; }\n"
                                + "};\nc.call();", "", ""), "audit rejected", "$M0$1.call()"),
                Arguments.of("forbidden call in a static initialiser",
                        members("", "", "static { System.exit(4); }"), "audit rejected", "<clinit>"),
                Arguments.of("reflection behind string concatenation",
                        perceive("Class.forName(\"java.lang.\" + \"Runt\" + \"ime\");"), "audit rejected",
                        "java.lang.Class.forName"),
                Arguments.of("reflective instantiation", perceive("Object o = String.class.newInstance();"),
                        "audit rejected", "newInstance"),
                Arguments.of("infinite loop in perceive",
                        perceive("long spins = 0;\nwhile (args != null) {\n    spins++;\n}"),
                        "verification rejected", "loop budget"),
                Arguments.of("600-second busy wait in enforce", members("",
                        "long end = System.nanoTime() + 600000000000L;\nwhile (System.nanoTime() < end) {\n}", ""),
                        "verification rejected", "enforce: threw"),
                Arguments.of("catastrophic regex in enforce (no loop budget reaches it)", members("",
                        "boolean m = java.util.regex.Pattern.compile(\"(.*a){12}\")\n"
                                + "    .matcher(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\").matches();", ""),
                        "verification rejected", "did not finish within"),
                Arguments.of("huge array in perceive",
                        perceive("int n = args.length + 1073741822;\nlong[] big = new long[n];\nbig[0] = 1L;"),
                        "verification rejected", "ran out of memory"),
                Arguments.of("base enhancement that trims its string argument",
                        perceive("args[0] = ((String) args[0]).trim();"), "verification rejected",
                        "changed argument 0"),
                Arguments.of("base enhancement that replaces its string argument",
                        perceive("args[0] = \"replaced\";"), "verification rejected",
                        "changed argument 0 (text)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRejectedAndTheOriginalRuns(String name, String template, String rejectedBy, String detail)
            throws IOException {
        Path dir = templates(template);
        JvmRun run = AgentJvm.of(HostileApp.class).property("poet.templates.dir", dir.toString())
                .property("poet.activation", "eager").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
        assertThat(run.agentLines()).as(run.toString()).anySatisfy(line -> assertThat(line)
                .contains(METHOD).contains("not enhanced").contains(rejectedBy));
        // The audit lists its findings on the lines after the first.
        assertThat(run.stderr()).as(run.toString()).contains(detail);
        assertThat(run.stderr()).doesNotContain("enhancement v1 active");
        String summary = run.summaryOf(METHOD);
        assertThat(summary == null || run.counter(METHOD, "calls") == 0).as(run.toString()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theSameTemplateWithoutHarmIsActivated() throws IOException {
        Path dir = templates(perceive(""));
        JvmRun run = AgentJvm.of(HostileApp.class).property("poet.templates.dir", dir.toString())
                .property("poet.activation", "eager").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo(plain.stdout());
        assertThat(run.counter(METHOD, "calls")).as(run.toString()).isEqualTo(3);
    }

    private static String perceive(String code) {
        return members(code, "", "");
    }

    /**
     * A base template (same structure as the bundled one) with {@code perceiveCode} before Perceive returns,
     * {@code enforceCode} before Enforce returns and {@code extraMembers} in the enhancement class.
     */
    private static String members(String perceiveCode, String enforceCode, String extraMembers) {
        return "package {{package}};\n\n"
                + "import dev.poet.bridge.Call;\n"
                + "import dev.poet.bridge.Enhancement;\n"
                + "import dev.poet.bridge.MethodContext;\n\n"
                + "public final class {{unit}} {\n"
                + "{{#methods}}\n"
                + "    public static final class {{nested}} implements Enhancement {\n"
                + "        private final MethodContext ctx;\n"
                + "        " + extraMembers + "\n"
                + "        public {{nested}}(MethodContext ctx) {\n"
                + "            this.ctx = ctx;\n"
                + "        }\n"
                + "        public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + perceiveCode + "\n"
                + "            return args;\n"
                + "        }\n"
                + "        public Object operate(Call call, Object[] args) throws Throwable {\n"
                + "            return call.proceed(args);\n"
                + "        }\n"
                + "        public Object enforce(Call call, Object result) throws Throwable {\n"
                + enforceCode + "\n"
                + "            return result;\n"
                + "        }\n"
                + "    }\n"
                + "{{/methods}}\n"
                + "}\n";
    }

    private static Path templates(String enhancementTemplate) throws IOException {
        Path dir = Files.createTempDirectory("poet-hostile-templates");
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("template.properties"), "version=1\n");
        Files.writeString(base.resolve("Enhancement.java.mustache"), enhancementTemplate);
        return dir;
    }
}
