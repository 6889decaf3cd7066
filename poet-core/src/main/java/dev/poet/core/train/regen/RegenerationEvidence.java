package dev.poet.core.train.regen;

import java.util.Locale;
import java.util.Map;

import dev.poet.core.train.RegenerationRequest;
import dev.poet.core.train.learned.LearnedParams;

/**
 * The evidence of a {@link RegenerationRequest} as plain text for a source generator's prompt: the objective, the
 * rules that fired with their figures, the window's counts and rates, the common reasons in feedback and the
 * history of learned parameters. The current source travels separately (the generator's prompt has its own
 * place for it).
 */
public final class RegenerationEvidence {

    /** Changes of learned parameters named, newest last. */
    static final int HISTORY = 10;

    private RegenerationEvidence() {
    }

    public static String text(RegenerationRequest r) {
        StringBuilder b = new StringBuilder();
        b.append("Objective: ").append(r.objective().id()).append(" (lower measure is better)\n");
        b.append("Rules that fired: ").append(String.join(", ", r.rules())).append('\n');
        for (Map.Entry<String, Object> e : r.rates().entrySet()) {
            b.append("  ").append(e.getKey()).append(" = ").append(format(e.getValue())).append('\n');
        }
        b.append("Window: ").append(r.evidence().calls()).append(" calls, ").append(r.evidence().failures())
                .append(" failures, ").append(r.evidence().fallbacks()).append(" fallbacks\n");
        var d = r.evidence().detections();
        if (d.labelled() > 0) {
            b.append("Labelled detections: ").append(d.truePositives()).append(" true positives, ")
                    .append(d.falsePositives()).append(" false positives, ").append(d.missed())
                    .append(" missed, ").append(d.trueNegatives()).append(" true negatives\n");
        }
        if (!r.commonReasons().isEmpty()) {
            b.append("Common reasons in feedback: ").append(String.join("; ", r.commonReasons())).append('\n');
        }
        int from = Math.max(0, r.history().size() - HISTORY);
        if (from < r.history().size()) {
            b.append("Learned parameter history:\n");
            for (LearnedParams.Change c : r.history().subList(from, r.history().size())) {
                b.append("  ").append(c.at()).append(' ').append(c.kind()).append(": ").append(c.before())
                        .append(" -> ").append(c.after()).append('\n');
            }
        }
        b.append("Running parameters: ").append(r.method().current().asMap()).append('\n');
        return b.toString();
    }

    private static String format(Object v) {
        return v instanceof Double x ? String.format(Locale.ROOT, "%.4f", x) : String.valueOf(v);
    }
}
