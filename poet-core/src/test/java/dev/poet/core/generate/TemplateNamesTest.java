package dev.poet.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Domain and version names that reach the file system are checked before any path is built from them. */
class TemplateNamesTest {

    @TempDir
    Path temp;

    private static void writeTemplate(Path folder, String version) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("template.properties"), "version=" + version + "\n");
        Files.writeString(folder.resolve("Enhancement.java.mustache"), "from " + version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "a/b", "a\\b", "/etc", "%2e%2e", "base\0", "Base", "my.domain"})
    void aDomainOutsideThePatternIsRefusedByName(String domain) throws IOException {
        writeTemplate(temp.resolve("dir/base"), "1");
        TemplateRepository repository = new TemplateRepository(temp.resolve(".poet"), temp.resolve("dir"),
                getClass().getClassLoader());

        assertThatThrownBy(() -> repository.find(domain)).isInstanceOf(TemplateNotFound.class)
                .hasMessageContaining("invalid domain name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../payments", "..", "../../dir/base", "%2e%2e/payments", "/tmp", "v1/../../payments",
            "v1%00"})
    void theVersionNamedInCurrentIsCheckedBeforeUse(String version) throws IOException {
        Path home = temp.resolve(".poet");
        // What a traversal would reach: a real, loadable template outside the domain's own folder.
        writeTemplate(home.resolve("templates/payments"), "outside");
        writeTemplate(home.resolve("templates/base/v1"), "inside");
        Files.writeString(home.resolve("templates/base/current"), version + "\n");

        assertThatThrownBy(() -> new TemplateRepository(home, null, getClass().getClassLoader()).find("base"))
                .isInstanceOf(TemplateNotFound.class).hasMessageContaining("invalid version name")
                .hasMessageContaining("templates/base/current");
    }

    @Test
    void aValidCurrentStillWins() throws Exception {
        Path home = temp.resolve(".poet");
        writeTemplate(home.resolve("templates/base/v12"), "user-12");
        Files.writeString(home.resolve("templates/base/current"), "v12\n");

        assertThat(new TemplateRepository(home, null, getClass().getClassLoader()).find("base").version())
                .isEqualTo("user-12");
    }
}
