package dev.poet.agent.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code selection.json} and handing each new content over once. */
class SelectionFileTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsIncludeAndActorIgnoringOtherFields() throws IOException {
        SelectionFile.Content c = SelectionFile.parse(json(
                "{\"changed_at\": \"x\", \"extra\": {\"a\": [1, 2]}, \"include\": \"a.B[m]\", \"changed_by\": \"cli:bo\"}"));
        assertThat(c).isEqualTo(new SelectionFile.Content("a.B[m]", "cli:bo"));
        assertThat(SelectionFile.parse(json("{\"include\": \"\"}")).changedBy()).isEqualTo("operator");
    }

    @Test
    void rejectsWhatIsNotASelection() {
        assertThatThrownBy(() -> SelectionFile.parse(json("[]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SelectionFile.parse(json("{\"include\": 5}"))).hasMessageContaining("no \"include\"");
        assertThatThrownBy(() -> SelectionFile.parse(json("{\"include\": \"a.B[m]\""))).isInstanceOf(IOException.class);
    }

    @Test
    void pollHandsOverEachChangeOnceAndTheConfiguredSelectionWhenTheFileGoes() throws IOException {
        Path home = Files.createTempDirectory("selection-file");
        List<String> changes = new ArrayList<>();
        SelectionFile file = new SelectionFile(home, "c.D[n]", "c.D[n]", (include, actor) -> changes.add(actor + " " + include));

        file.poll();
        Files.writeString(home.resolve("selection.json"), "{\"include\": \"a.B[m]\", \"changed_by\": \"cli:bo\"}");
        file.poll();
        file.poll();
        Files.writeString(home.resolve("selection.json"), "{broken");
        file.poll();
        Files.delete(home.resolve("selection.json"));
        file.poll();

        assertThat(changes).containsExactly("cli:bo a.B[m]", "configuration c.D[n]");
        assertThat(SelectionFile.read(home)).isNull();
    }
}
