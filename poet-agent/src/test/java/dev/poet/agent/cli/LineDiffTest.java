package dev.poet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The unified diff: hunks, their ranges and context, compared with what diff -u prints for the same input. */
class LineDiffTest {

    private static String numbered(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
        assertThat(LineDiff.unified("a\r\nb", "a\nb\n", "x", "y")).isEmpty();
    }

    @Test
    void farApartChangesAreTwoHunks() {
        String a = numbered(1, 20);
        String b = a.replace("\n2\n", "\ntwo\n").replace("\n18\n", "\n").concat("21\n");
        assertThat(LineDiff.unified(a, b, "a", "b")).isEqualTo(String.join("\n",
                "--- a", "+++ b",
                "@@ -1,5 +1,5 @@", " 1", "-2", "+two", " 3", " 4", " 5",
                "@@ -15,6 +15,6 @@", " 15", " 16", " 17", "-18", " 19", " 20", "+21", ""));
    }

    @Test
    void nearChangesShareAHunk() {
        String a = numbered(1, 10);
        String b = a.replace("\n3\n", "\nthree\n").replace("\n8\n", "\neight\n");
        assertThat(LineDiff.unified(a, b, "a", "b")).isEqualTo(String.join("\n",
                "--- a", "+++ b",
                "@@ -1,10 +1,10 @@", " 1", " 2", "-3", "+three", " 4", " 5", " 6", " 7", "-8", "+eight", " 9",
                " 10", ""));
    }

    @Test
    void emptySides() {
        assertThat(LineDiff.unified("", "a\n", "a", "b")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n");
        assertThat(LineDiff.unified("a\nb\n", "", "a", "b")).isEqualTo("--- a\n+++ b\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    }

    @Test
    void theDiffAppliedGivesTheNewText() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            String line = "l" + random.nextInt(40);
            if (random.nextInt(4) != 0) {
                a.add(line);
            }
            if (random.nextInt(4) != 0) {
                b.add(random.nextInt(5) == 0 ? line + "'" : line);
            }
        }
        String diff = LineDiff.unified(String.join("\n", a), String.join("\n", b), "a", "b");
        assertThat(apply(a, diff)).isEqualTo(b);
    }

    /** Applies a unified diff the way patch does, trusting the hunk headers' positions. */
    private static List<String> apply(List<String> a, String diff) {
        List<String> result = new ArrayList<>();
        int next = 0;
        List<String> lines = LineDiff.lines(diff);
        for (int i = 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("@@")) {
                String range = l.substring(4, l.indexOf(' ', 4));
                int start = Integer.parseInt(range.split(",")[0]);
                int count = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
                int first = count == 0 ? start : start - 1;
                while (next < first) {
                    result.add(a.get(next++));
                }
            } else if (l.startsWith(" ")) {
                assertThat(a.get(next)).isEqualTo(l.substring(1));
                result.add(a.get(next++));
            } else if (l.startsWith("-")) {
                assertThat(a.get(next)).isEqualTo(l.substring(1));
                next++;
            } else {
                result.add(l.substring(1));
            }
        }
        while (next < a.size()) {
            result.add(a.get(next++));
        }
        return result;
    }
}
