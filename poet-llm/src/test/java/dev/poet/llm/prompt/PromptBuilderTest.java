package dev.poet.llm.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.generate.GenerationRequest;
import dev.poet.llm.Fixtures;

class PromptBuilderTest {

    @TempDir
    Path sources;

    @Test
    void thePromptHoldsTheMethodTheContractAndTheRules() throws Exception {
        Path file = sources.resolve("com/example/app/Greeter.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "// the original source\nclass Greeter { String greet(String name, int times) {} }");
        GenerationRequest r = Fixtures.request();
        GenerationRequest withObjective = new GenerationRequest(r.method(), r.className(), r.parameterNames(),
                r.template(), r.templateExample(), r.params(), "latency", r.classFile());

        Prompt p = new PromptBuilder(List.of(sources.resolve("missing"), sources)).build(withObjective);

        assertThat(p.user())
                .contains("public java.lang.String greet(java.lang.String name, int times) throws java.io.IOException")
                .contains("`retries` = 3")
                .contains("java.lang.StringBuilder.append(String)")
                .contains("\"times < 0\"")
                .contains("throws (new + athrow): java.lang.IllegalArgumentException")
                .contains("// the original source")
                .contains("optimised for `latency`")
                .contains(Fixtures.CLASS_NAME)
                .contains("Write a transparent enhancement.")
                .contains("public final class Example");
        assertThat(p.system()).contains("No lambdas").contains("call.proceed").contains("Retry.builder")
                .contains("System.exit");
        assertThat(p.hash()).hasSize(64);
    }

    @Test
    void withoutSourcesClassFileOrExampleThePromptStillStands() {
        GenerationRequest r = Fixtures.request();
        GenerationRequest bare = new GenerationRequest(r.method(), r.className(), new String[] {"a", "b"},
                r.template(), null, java.util.Map.of(), null, null);

        Prompt p = new PromptBuilder(List.of()).build(bare);

        assertThat(p.user()).contains("greet(java.lang.String a, int b)").doesNotContain("bytecode does")
                .doesNotContain("Known-good example").doesNotContain("Objective");
    }

    @Test
    void partsAreBounded() {
        assertThat(BytecodeSummary.of(Fixtures.greeterClassFile(), "greet", "(Ljava/lang/String;I)Ljava/lang/String;", 40))
                .hasSizeLessThan(100).contains("cut at 40");
        assertThat(BytecodeSummary.of(new byte[] {1, 2, 3}, "greet", "()V", 100)).isEmpty();
    }
}
