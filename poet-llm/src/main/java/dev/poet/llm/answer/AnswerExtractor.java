package dev.poet.llm.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the requested class in a reply: in Markdown fences ({@code ```java} or plain), or as bare code with prose
 * around it. When several blocks are present, the one declaring the requested class wins. A class with another
 * name is rejected, not renamed: the constructor and every self-reference would need renaming too, and the
 * repair turn does that reliably. A missing {@code package} line is added (it can only be ours); a different
 * package is rejected.
 */
public final class AnswerExtractor {

    private static final Pattern FENCE = Pattern.compile("```[ \\t]*([A-Za-z0-9_+.-]*)[^\\n]*\\n(.*?)(?:```|\\z)",
            Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern CODE_START = Pattern.compile(
            "^(?:package\\s|import\\s|/\\*|@|public\\s|final\\s|class\\s)", Pattern.MULTILINE);

    private AnswerExtractor() {
    }

    /**
     * @param answer    the model's reply
     * @param className the binary name required, e.g. {@code dev.poet.gen.Poet_Counter_label_1a2b3c4d}
     */
    public static Extraction extract(String answer, String className) {
        if (answer == null || answer.isBlank()) {
            return Extraction.rejected("The answer was empty. Reply with the Java class " + className
                    + " in one ```java fenced block.");
        }
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String packageName = className.substring(0, Math.max(0, className.lastIndexOf('.')));
        List<String> candidates = candidates(answer);
        Pattern wanted = Pattern.compile("\\bclass\\s+" + Pattern.quote(simpleName) + "\\b");
        Set<String> declared = new LinkedHashSet<>();
        for (String candidate : candidates) {
            if (wanted.matcher(candidate).find()) {
                return withPackage(candidate.strip(), packageName, className);
            }
            Matcher m = DECLARATION.matcher(candidate);
            while (m.find()) {
                declared.add(m.group(1));
            }
        }
        if (!declared.isEmpty()) {
            return Extraction.rejected("The class must be named " + simpleName + " (full name " + className
                    + "); your answer declares " + String.join(", ", declared) + ". Reply with the whole class "
                    + "renamed to " + simpleName + ", its constructor included.");
        }
        return Extraction.rejected("No Java class found in the answer. Reply with the class " + className
                + " in one ```java fenced block and nothing else.");
    }

    private static List<String> candidates(String answer) {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(answer);
        while (m.find()) {
            blocks.add(m.group(2));
        }
        if (!blocks.isEmpty()) {
            return blocks;
        }
        // Bare code: drop prose before the first line that starts code and after the last closing brace.
        Matcher start = CODE_START.matcher(answer);
        String code = start.find() ? answer.substring(start.start()) : answer;
        int end = code.lastIndexOf('}');
        return List.of(end >= 0 ? code.substring(0, end + 1) : code);
    }

    private static Extraction withPackage(String source, String packageName, String className) {
        Matcher p = PACKAGE.matcher(source);
        if (!p.find()) {
            return Extraction.accepted("package " + packageName + ";\n\n" + source + "\n");
        }
        if (!p.group(1).equals(packageName)) {
            return Extraction.rejected("The class must be in package " + packageName + " (full name " + className
                    + "); your answer declares package " + p.group(1) + ".");
        }
        return Extraction.accepted(source + "\n");
    }
}
