package dev.poet.llm.prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a class's original {@code .java} file under {@code poet.source.path}: {@code <root>/<package path>/<Outer>.java},
 * the outermost class of a nested one.
 */
public final class SourceLocator {

    private SourceLocator() {
    }

    /**
     * The source of {@code binaryClassName}'s file, at most {@code maxChars} long (with a note when cut), or
     * {@code null} when no root has it or it cannot be read.
     */
    public static String find(List<Path> roots, String binaryClassName, int maxChars) {
        String outer = binaryClassName.contains("$")
                ? binaryClassName.substring(0, binaryClassName.indexOf('$')) : binaryClassName;
        String relative = outer.replace('.', '/') + ".java";
        for (Path root : roots) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                try {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    return text.length() <= maxChars ? text
                            : text.substring(0, maxChars) + "\n// ... (cut at " + maxChars + " characters)\n";
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
