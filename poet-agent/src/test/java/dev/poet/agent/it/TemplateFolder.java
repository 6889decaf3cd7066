package dev.poet.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@code base} domain template into a temporary folder for {@code poet.templates.dir}, with the three
 * phase bodies given as Java statements: the way tests give the agent a broken or hostile enhancement.
 */
public final class TemplateFolder {

    private TemplateFolder() {
    }

    /** A template whose phases run the given statements ({@code call}, {@code args}, {@code result} in scope). */
    public static Path withPhases(String perceive, String operate, String enforce) {
        return withSource("package {{package}};\n"
                + "import dev.poet.bridge.*;\n"
                + "public final class {{unit}} {\n"
                + "{{#methods}}\n"
                + "  public static final class {{nested}} implements Enhancement {\n"
                + "    public {{nested}}(MethodContext ctx) { }\n"
                + "    public Object[] perceive(Call call, Object[] args) throws Throwable { " + perceive + " }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { " + operate + " }\n"
                + "    public Object enforce(Call call, Object result) throws Throwable { " + enforce + " }\n"
                + "  }\n"
                + "{{/methods}}\n"
                + "}\n");
    }

    /** A template with the given Mustache source. */
    public static Path withSource(String mustacheSource) {
        try {
            Path dir = Files.createTempDirectory("poet-templates");
            Path base = Files.createDirectories(dir.resolve("base"));
            Files.writeString(base.resolve("template.properties"), "version=test-1\ndescription=test template\n");
            Files.writeString(base.resolve("Enhancement.java.mustache"), mustacheSource);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
