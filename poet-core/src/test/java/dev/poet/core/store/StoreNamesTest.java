package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.log.PoetLog;

/** What the store reads back from names on disk goes through {@link SafeName}. */
class StoreNamesTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        PoetLog.redirect(null);
    }

    @Test
    void aCurrentNamingATraversalIsRefusedWithTheValueNamed() throws IOException {
        VersionStore s = new VersionStore(home);
        MethodKey key = VersionStoreTest.KEY;
        s.save(key, "class E {}", ClassBytesTest.sample(), Map.of(), VersionStoreTest.meta("b", "1", "c"), true);
        PoetLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));

        for (String bad : new String[] {"../v1", "v1/../v1", "%2e%2e", "/v1"}) {
            Files.writeString(s.methodDir(key).resolve("current"), bad + "\n");
            assertThat(s.current(key)).as(bad).isEmpty();
            assertThat(log.toString(StandardCharsets.UTF_8)).as(bad).contains("invalid version name '" + bad + "'")
                    .contains(key.value());
        }
    }

    @Test
    void onlyFoldersNamedAsKeysAreMethods() throws IOException {
        VersionStore s = new VersionStore(home);
        MethodKey key = VersionStoreTest.KEY;
        s.save(key, "class E {}", ClassBytesTest.sample(), Map.of(), VersionStoreTest.meta("b", "1", "c"), true);
        Files.createDirectories(home.resolve("methods/a..b~m~12345678"));
        Files.createDirectories(home.resolve("methods/a~m.x~12345678"));

        assertThat(s.methods()).containsExactly(key);
    }
}
