package dev.poet.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code -javaagent:poet-agent.jar=k=v,k=v} string. Values may themselves contain commas
 * ({@code poet.methods.include=a.B[m1,m2]}, {@code poet.source.path=src,lib}), so a comma splits only outside
 * brackets and parentheses and only when the next piece looks like {@code key=}; otherwise it stays in the value.
 * {@code config} is short for {@code poet.config}, and a key without the {@code poet.} prefix gets it.
 */
final class AgentArgs {

    /** The pseudo-key problems with the argument string itself are reported under. */
    static final String PROBLEM_KEY = "agent arguments";

    private AgentArgs() {
    }

    static Map<String, String> parse(String args, List<ConfigProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        String lastKey = null;
        for (String piece : splitTopLevel(args)) {
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                if (lastKey == null) {
                    if (!piece.isBlank()) {
                        problems.add(new ConfigProblem(PROBLEM_KEY, piece, "expected key=value"));
                    }
                    continue;
                }
                out.put(lastKey, out.get(lastKey) + "," + piece);
                continue;
            }
            String key = normalizeKey(piece.substring(0, eq).trim());
            out.put(key, piece.substring(eq + 1).trim());
            lastKey = key;
        }
        return out;
    }

    private static String normalizeKey(String key) {
        if (key.equals("config")) {
            return ConfigKeys.CONFIG;
        }
        return key.startsWith(ConfigKeys.PREFIX) ? key : ConfigKeys.PREFIX + key;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> pieces = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                pieces.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        pieces.add(s.substring(start).trim());
        return pieces;
    }
}
