package dev.poet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which {@code poet.methods.include} the command line takes for the configuration's, in the agent's precedence. */
class StoreTest {

    @TempDir
    Path dir;

    @Test
    void systemPropertyThenEnvironmentThenFile() throws IOException {
        Files.writeString(dir.resolve("agent.properties"), "poet.methods.include=a.File[x]\n");
        Files.writeString(dir.resolve("other.properties"), "poet.methods.include=a.Other[x]\n");
        Properties sys = new Properties();
        assertThat(Store.configuredInclude(sys, Map.of(), dir)).isEqualTo("a.File[x]");
        assertThat(Store.configuredInclude(sys, Map.of("POET_CONFIG", "other.properties"), dir)).isEqualTo("a.Other[x]");
        sys.setProperty("poet.config", "agent.properties");
        assertThat(Store.configuredInclude(sys, Map.of("POET_CONFIG", "other.properties"), dir)).isEqualTo("a.File[x]");
        assertThat(Store.configuredInclude(sys, Map.of("POET_METHODS_INCLUDE", "a.Env[x]"), dir)).isEqualTo("a.Env[x]");
        sys.setProperty("poet.methods.include", "a.Sys[x]");
        assertThat(Store.configuredInclude(sys, Map.of("POET_METHODS_INCLUDE", "a.Env[x]"), dir)).isEqualTo("a.Sys[x]");
    }

    @Test
    void noneWhenNothingSays() {
        assertThat(Store.configuredInclude(new Properties(), Map.of(), dir)).isNull();
        assertThat(Store.configuredInclude(new Properties(), Map.of("POET_CONFIG", "missing.properties"), dir)).isNull();
    }
}
