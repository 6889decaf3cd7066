package dev.poet.agent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines, from a longest common subsequence. Sources of enhancements are a few hundred
 * lines, so the quadratic table is small once the common head and tail are taken off; past {@link #MAX_CELLS} the
 * differing middle is shown as replaced as a whole, which is still a correct diff, only not a minimal one.
 */
final class LineDiff {

    static final int CONTEXT = 3;
    static final long MAX_CELLS = 16_000_000L;

    private enum Op { SAME, DELETE, INSERT }

    private record Edit(Op op, String line) {
    }

    private LineDiff() {
    }

    /** The unified diff of {@code a} and {@code b} with {@link #CONTEXT} lines of context; empty when they are equal. */
    static String unified(String a, String b, String nameA, String nameB) {
        List<Edit> edits = edits(lines(a), lines(b));
        if (edits.stream().allMatch(e -> e.op == Op.SAME)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n');
        int i = 0;
        int lineA = 1;
        int lineB = 1;
        while (i < edits.size()) {
            if (edits.get(i).op == Op.SAME) {
                i++;
                lineA++;
                lineB++;
                continue;
            }
            // A hunk starts CONTEXT lines before the change and runs until CONTEXT*2 equal lines separate changes.
            int start = Math.max(0, i - CONTEXT);
            int startA = lineA - (i - start);
            int startB = lineB - (i - start);
            int end = i;
            int same = 0;
            int j = i;
            while (j < edits.size()) {
                if (edits.get(j).op == Op.SAME) {
                    same++;
                    if (same > CONTEXT * 2) {
                        break;
                    }
                } else {
                    same = 0;
                    end = j;
                }
                j++;
            }
            int stop = Math.min(edits.size(), end + 1 + CONTEXT);
            int countA = 0;
            int countB = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < stop; k++) {
                Edit e = edits.get(k);
                switch (e.op) {
                    case SAME -> {
                        body.append(' ').append(e.line).append('\n');
                        countA++;
                        countB++;
                    }
                    case DELETE -> {
                        body.append('-').append(e.line).append('\n');
                        countA++;
                    }
                    case INSERT -> {
                        body.append('+').append(e.line).append('\n');
                        countB++;
                    }
                }
            }
            out.append("@@ -").append(range(countA == 0 ? startA - 1 : startA, countA))
                    .append(" +").append(range(countB == 0 ? startB - 1 : startB, countB)).append(" @@\n")
                    .append(body);
            for (int k = i; k < stop; k++) {
                Op op = edits.get(k).op;
                if (op != Op.INSERT) {
                    lineA++;
                }
                if (op != Op.DELETE) {
                    lineB++;
                }
            }
            i = stop;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int to = i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(from, to));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        return lines;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        if ((long) midA.size() * midB.size() > MAX_CELLS) {
            midA.forEach(l -> edits.add(new Edit(Op.DELETE, l)));
            midB.forEach(l -> edits.add(new Edit(Op.INSERT, l)));
        } else {
            middle(midA, midB, edits);
        }
        for (int i = a.size() - tail; i < a.size(); i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        return edits;
    }

    private static void middle(List<String> a, List<String> b, List<Edit> edits) {
        int n = a.size();
        int m = b.size();
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.SAME, a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                edits.add(new Edit(Op.DELETE, a.get(i++)));
            } else {
                edits.add(new Edit(Op.INSERT, b.get(j++)));
            }
        }
        while (i < n) {
            edits.add(new Edit(Op.DELETE, a.get(i++)));
        }
        while (j < m) {
            edits.add(new Edit(Op.INSERT, b.get(j++)));
        }
    }
}
