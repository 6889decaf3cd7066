package dev.poet.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import dev.poet.core.config.ConfigLoader;
import dev.poet.core.operate.StoreOperations;

/** The command line's way to the files of a {@code poet.home}: {@link StoreOperations} from this process. */
final class Store {

    static final OperationsOpener OPENER = home -> new StoreOperations(home,
            configuredInclude(System.getProperties(), System.getenv(), Path.of("")));

    private static final String KEY = "poet.methods.include";

    private Store() {
    }

    /**
     * The {@code poet.methods.include} an application started here would be configured with, shown by
     * {@code selection} until the operator sets one: {@code -Dpoet.methods.include}, else
     * {@code POET_METHODS_INCLUDE}, else the properties file ({@code -Dpoet.config}, {@code POET_CONFIG}, or
     * {@code ./agent.properties}). Null when none says (or the file cannot be read: the store's answer still stands).
     */
    static String configuredInclude(Properties system, Map<String, String> env, Path workingDir) {
        String value = system.getProperty(KEY);
        if (value == null) {
            value = env.get("POET_METHODS_INCLUDE");
        }
        if (value != null) {
            return value;
        }
        String file = system.getProperty("poet.config", env.get("POET_CONFIG"));
        Path config = file != null ? workingDir.resolve(file) : workingDir.resolve(ConfigLoader.DEFAULT_FILE_NAME);
        if (!Files.isRegularFile(config)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return properties.getProperty(KEY);
    }
}
