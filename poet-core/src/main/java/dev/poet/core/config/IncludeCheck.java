package dev.poet.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@code poet.methods.include} value as the configuration loader would parse it, for writers of the
 * operator's selection: the same grammar, so a selection accepted here is one the agent selects by.
 */
public final class IncludeCheck {

    private IncludeCheck() {
    }

    /** One line per malformed entry ({@code 'entry': reason}); empty when every entry parses. */
    public static List<String> problems(String include) {
        List<String> out = new ArrayList<>();
        for (ConfigProblem p : IncludeParser.parse(include == null ? "" : include).problems()) {
            out.add("'" + p.value() + "': " + p.reason());
        }
        return out;
    }
}
