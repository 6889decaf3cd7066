package dev.poet.agent.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.VersionDetail;
import dev.poet.core.operate.VersionView;

/**
 * What a command prints: one JSON document with snake_case fields for {@code --json}, lines for people otherwise.
 * The JSON forms are built as maps here, not by reflection over the records, so that renaming a record component
 * cannot silently change what scripts read.
 */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void line(String text) {
        out.println(text);
    }

    void json(Object document) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Prints what a change did and when it takes effect. */
    void receipt(ChangeReceipt receipt) {
        if (json) {
            json(receiptJson(receipt));
            return;
        }
        line(receipt.summary());
        line("  change " + receipt.id() + " by " + receipt.actor() + " at " + receipt.at());
        line(receipt.applied() ? "  applied to the running application"
                : "  a running application applies it within seconds; otherwise it applies at its next start");
    }

    static Map<String, Object> receiptJson(ChangeReceipt r) {
        return dev.poet.core.operate.OperateJson.receipt(r);
    }

    static Map<String, Object> method(MethodView v) {
        return dev.poet.core.operate.OperateJson.method(v);
    }

    static Map<String, Object> live(MethodView.Live l) {
        return dev.poet.core.operate.OperateJson.live(l);
    }

    static Map<String, Object> version(VersionView v) {
        return dev.poet.core.operate.OperateJson.version(v);
    }

    static Map<String, Object> detail(String methodKey, VersionDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", methodKey);
        m.put("version", version(d.version()));
        m.put("metadata", d.metadata() == null ? Map.of() : d.metadata());
        m.put("audit", d.audit() == null ? Map.of() : d.audit());
        m.put("params", d.params() == null ? Map.of() : d.params());
        m.put("source", d.source());
        return m;
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** {@code value} or {@code -} when there is none, for table cells. */
    static String cell(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : printable(value.toString());
    }

    /** Line breaks and control characters escaped, so that a value cannot forge output lines. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Milliseconds with at most one decimal that means something. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** {@code 3 s}, {@code 5 min}, {@code 2 h}, {@code 4 d}. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }

    /** Rows as left-aligned columns; the last column is not padded. */
    static List<String> table(List<String[]> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                b.append(row[c]);
                if (c < columns - 1) {
                    b.append(" ".repeat(width[c] - row[c].length() + 2));
                }
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }
}
