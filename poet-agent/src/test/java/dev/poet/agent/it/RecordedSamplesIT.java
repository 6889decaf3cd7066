package dev.poet.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.hostile.OrderApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method taking an application type, where no sample can be synthesised: its version is verified on recorded
 * calls before it is activated. A base enhancement that changes an argument — the string next to the object, the
 * object replaced by a modified copy, or the object changed in place — is rejected with its reason in
 * {@code metadata.json} and never changes the application's output; a transparent one is activated after the
 * recorded calls, and {@code metadata.json} names them.
 */
@ExtendWith(SuppressedErrorCheck.class)
class RecordedSamplesIT {

    private static final String METHOD = OrderApp.class.getName() + ".describe";

    private static JvmRun plain;

    @BeforeAll
    static void runWithoutAgent() {
        plain = AgentJvm.of(OrderApp.class).withoutAgent().run();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).contains("1 x pen (first)").contains("6 x bag (sixth)");
    }

    private static JvmRun withAgent(Path work, String perceive) {
        return AgentJvm.of(OrderApp.class).workDir(work)
                .property("poet.templates.dir", TemplateFolder.withPhases(perceive + " return args;",
                        "return call.proceed(args);", "return result;").toString())
                .property("poet.activation", "eager").property("orders.await-store", "true").run();
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("rewrites the string next to the object",
                        "args[1] = ((String) args[1]) + \"!\";", "changed argument 1 ("),
                Arguments.of("replaces the object with a modified copy",
                        "com.example.hostile.Order o = (com.example.hostile.Order) args[0];\n"
                                + "args[0] = new com.example.hostile.Order(o.item(), o.quantity() + 1);",
                        "changed argument 0 ("),
                Arguments.of("changes the object in place",
                        "((com.example.hostile.Order) args[0]).setQuantity(1000);", "in place"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRejectedOnRecordedCallsAndTheOutputIsUnchanged(String name, String perceive, String detail)
            throws IOException {
        Path work = Files.createTempDirectory("poet-recorded");
        JvmRun run = withAgent(work, perceive);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
        assertThat(run.agentLines()).as(run.toString()).anySatisfy(line -> assertThat(line).contains(METHOD)
                .contains("not enhanced").contains("verification rejected").contains(detail));
        assertThat(run.stderr()).doesNotContain("active (");
        String summary = run.summaryOf(METHOD);
        assertThat(summary == null || run.counter(METHOD, "calls") == 0).as(run.toString()).isTrue();

        List<String> metadata = metadataFiles(work);
        assertThat(metadata).as(run.toString()).singleElement().satisfies(json -> assertThat(json)
                .contains("\"status\" : \"rejected\"").contains("verification rejected the generated code on "
                        + "recorded calls").contains(detail).containsPattern("\"recorded\" : [1-9]"));
    }

    @Test
    void aTransparentVersionIsActivatedAfterThreeRecordedCalls() throws IOException {
        Path work = Files.createTempDirectory("poet-recorded");
        JvmRun run = withAgent(work, "");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo(plain.stdout());
        assertThat(run.agentLines()).as(run.toString()).anySatisfy(line -> assertThat(line).contains(METHOD)
                .contains("the original runs until 3 calls were recorded"));
        assertThat(run.agentLines()).as(run.toString()).anySatisfy(line -> assertThat(line).contains(METHOD)
                .contains("enhancement v1 active").contains("verified on 3 recorded calls"));
        // The three calls before the decision ran the original; the three after it ran enhanced.
        assertThat(run.counter(METHOD, "calls")).as(run.toString()).isEqualTo(3);

        List<String> metadata = metadataFiles(work);
        assertThat(metadata).as(run.toString()).singleElement().satisfies(json -> assertThat(json)
                .contains("\"status\" : \"active\"")
                .containsPattern("\"samples\" : \\{\\s*\"synthesised\" : 0,\\s*\"recorded\" : 3\\s*}"));
    }

    private static List<String> metadataFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve(".poet"))) {
            return files.filter(p -> p.getFileName().toString().equals("metadata.json")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
    }
}
