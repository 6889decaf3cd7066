package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules that find their argument by name, on an application compiled without parameter names ({@code -g:none}, no
 * {@code -parameters}): nothing is guessed from position, the user is told once per method how to name the roles,
 * and {@code param.<index>.role} makes the rules act.
 */
@ExtendWith(SuppressedErrorCheck.class)
class ParameterNamesIT {

    private static final String CLASS = "com.example.nonames.Loans";
    private static final String SOURCE = ""
            + "package com.example.nonames;\n"
            + "public class Loans {\n"
            + "  public static double score(double income, double rate) {\n"
            + "    System.out.println(\"body income=\" + income + \" rate=\" + rate);\n"
            + "    return income / 100 + rate;\n"
            + "  }\n"
            + "  public static String complete(String ticketText, String prompt) {\n"
            + "    return \"ticket=[\" + ticketText + \"] prompt=[\" + prompt + \"]\";\n"
            + "  }\n"
            + "  public static void main(String[] args) {\n"
            + "    try { score(-5000, 5); } catch (IllegalArgumentException e) {\n"
            + "      System.out.println(\"income rejected: \" + e.getMessage()); }\n"
            + "    try { score(1000, 140); } catch (IllegalArgumentException e) {\n"
            + "      System.out.println(\"rate rejected: \" + e.getMessage()); }\n"
            + "    System.out.println(complete(\"printer broken\", \"summarise\"));\n"
            + "  }\n"
            + "}\n";

    private static Path classes;

    @BeforeAll
    static void compileWithoutNames() throws IOException {
        Path dir = Files.createTempDirectory("poet-nonames");
        Path source = dir.resolve("src/com/example/nonames/Loans.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-g:none", "-d", classes.toString(), source.toString());
        assertThat(rc).as("javac -g:none").isZero();
    }

    private static AgentJvm app() {
        return AgentJvm.of(ParameterNamesIT.class).mainClass(CLASS).classPath(classes.toString())
                .property("poet.activation", "eager")
                .property("poet.methods.include", CLASS + "[score,complete]")
                .property("poet.method." + CLASS + ".score.domain", "financial_risk")
                .property("poet.method." + CLASS + ".complete.domain", "llm_ops")
                .property("poet.method." + CLASS + ".complete.prompt-variants", "V1: {prompt}");
    }

    @Test
    void withoutNamesNothingIsGuessedAndTheUserIsToldOncePerMethod() {
        JvmRun run = app().run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // Both calls reach the body: the rules have no name to go by, and a position is not a name.
        assertThat(run.stdout()).as(run.toString())
                .contains("body income=-5000.0 rate=5.0", "body income=1000.0 rate=140.0")
                .doesNotContain("rejected")
                // The variant is not written into the first String (the ticket text), nor anywhere else.
                .contains("ticket=[printer broken] prompt=[summarise]");
        assertThat(count(run.stderr(), CLASS + ".score: the financial_risk domain finds arguments by parameter name"))
                .as(run.toString()).isEqualTo(1);
        assertThat(count(run.stderr(), CLASS + ".complete: the llm_ops domain finds arguments by parameter name"))
                .as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("poet.method." + CLASS + ".score.param.<index>.role=<role>");
    }

    @Test
    void configuredRolesMakeTheRulesAct() {
        JvmRun run = app()
                .property("poet.method." + CLASS + ".score.param.0.role", "income")
                .property("poet.method." + CLASS + ".score.param.1.role", "rate")
                .property("poet.method." + CLASS + ".complete.param.1.role", "prompt")
                .run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString())
                .contains("income rejected: POET rejected income", "rate rejected: POET rejected rate")
                .doesNotContain("body income=")
                .contains("ticket=[printer broken] prompt=[V1: summarise]");
        assertThat(run.stderr()).as(run.toString()).doesNotContain("finds arguments by parameter name");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
