package dev.poet.core.engine;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poet.core.log.PoetLog;

/**
 * The roles a domain's name-based rules see for one method's parameters (financial_risk's incomes, rates and
 * scores; llm_ops' prompt): {@code param.<index>.role} from the method's configuration, else the parameter's name
 * from the class file, else nothing. A class compiled without {@code -g} or {@code -parameters} has no names; a
 * rule then matches nothing rather than guessing from position, and the user is told once how to name the roles.
 */
final class ParameterRoles {

    /** {@code param.<index>.role}, as a per-method setting key. */
    private static final Pattern ROLE_KEY = Pattern.compile("param\\.(\\d{1,3})\\.role");
    private static final Pattern ROLE_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** How a template says that its rules find arguments by name: it passes {@code {{role}}} to them. */
    private static final String ROLE_VARIABLE = "{{role}}";

    private ParameterRoles() {
    }

    /**
     * Takes the {@code param.<index>.role} entries out of {@code settings} (they shape the source, not the
     * enhancement's parameters) and returns the role of every parameter.
     *
     * @param settings       the method's configured settings; role entries are removed from it
     * @param names          the parameter names as the model has them ({@code arg<i>} where the class file has none)
     * @param namesKnown     whether {@code names} came from the class file
     * @param displayName    the method, for messages
     * @return one role per parameter; an empty string where nothing is known
     */
    static String[] resolve(Map<String, ?> settings, String[] names, boolean namesKnown, String displayName) {
        String[] roles = new String[names.length];
        for (Iterator<? extends Map.Entry<String, ?>> it = settings.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ?> entry = it.next();
            Matcher key = ROLE_KEY.matcher(entry.getKey());
            if (!key.matches()) {
                continue;
            }
            it.remove();
            int index = Integer.parseInt(key.group(1));
            String value = entry.getValue() == null ? "" : entry.getValue().toString().trim();
            if (index >= names.length) {
                PoetLog.warn(displayName + ": ignoring param." + index + ".role=" + value + ": the method has "
                        + names.length + " parameter" + (names.length == 1 ? "" : "s") + " (indexes from 0)");
            } else if (!ROLE_VALUE.matcher(value).matches()) {
                PoetLog.warn(displayName + ": ignoring param." + index + ".role='" + value
                        + "': a role is a word of letters, digits, '_' or '-', starting with a letter");
            } else {
                roles[index] = value;
            }
        }
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == null) {
                roles[i] = namesKnown ? names[i] : "";
            }
        }
        return roles;
    }

    /** Whether the template's rules find arguments by name. */
    static boolean templateMatchesByName(String templateSource) {
        return templateSource.contains(ROLE_VARIABLE);
    }

    /**
     * The one line a user gets when a domain's name-based rules meet a method whose class file has no parameter
     * names and for which no role is configured; {@code null} when there is nothing to say.
     */
    static String warning(String domain, String className, String methodName, String[] roles, boolean namesKnown) {
        if (namesKnown) {
            return null;
        }
        for (String role : roles) {
            if (!role.isEmpty()) {
                // The user has named the roles that matter; the others are deliberately without one.
                return null;
            }
        }
        return className + "." + methodName + ": the " + domain + " domain finds arguments by parameter name, but "
                + className + " was compiled without parameter names (javac -g or -parameters; Maven and Gradle keep"
                + " them by default), so its name rules do nothing for this method; nothing is guessed from"
                + " position. Name a parameter's role with poet.method." + className + "." + methodName
                + ".param.<index>.role=<role> (e.g. income, rate, score, prompt).";
    }
}
