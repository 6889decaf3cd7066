package dev.poet.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the {@code poet.*} lines of a properties file as UTF-8 (not the ISO-8859-1 of {@link Properties#load(
 * java.io.InputStream)}: people write file paths and descriptions in their own language). Other keys are left
 * to whoever else shares the file.
 */
final class PropertiesFile {

    private PropertiesFile() {
    }

    /** The file's {@code poet.*} entries; on a read error, a problem and an empty map. */
    static Map<String, String> read(Path file, List<ConfigProblem> problems) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new ConfigProblem(ConfigKeys.CONFIG, file.toString(), "cannot read: " + e.getMessage()));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : new TreeSet<>(props.stringPropertyNames())) {
            if (name.startsWith(ConfigKeys.PREFIX)) {
                out.put(name, props.getProperty(name));
            }
        }
        return out;
    }
}
