package com.example.legacy;
import dev.poet.api.Poet;
/** Shapes newer Java allows: interface static and private methods, wide mixed-width signatures, enums, records. */
public class Exotic {
    public interface Tool {
        @Poet static int twice(int x) { return helper(x) * 2; }
        @Poet private static int helper(int x) { return x + 1; }
        @Poet default long mix(long a, double b, int c, long d, double e, float f, byte g, char h, short i, boolean j, String k, long l) {
            return a + (long) b + c + d + (long) e + (long) f + g + h + i + (j ? 1 : 0) + k.length() + l;
        }
        @Poet private String secret(String s) { return s + "!"; }
        default String callSecret() { return secret("s"); }
    }
    public enum Color { RED, GREEN; @Poet public String lower() { return name().toLowerCase(); } }
    public record Point(int x, int y) { @Poet public int sum() { return x + y; } }
    static class Impl implements Tool { }
    public static void main(String[] a) {
        for (int r = 0; r < 2; r++) {
            System.out.println(Tool.twice(3) + " " + new Impl().mix(1, 2.5, 3, 4, 5.5, 6f, (byte) 7, 'a', (short) 9, true, "abc", 10)
                + " " + new Impl().callSecret() + " " + Color.GREEN.lower() + " " + new Point(2, 3).sum());
        }
    }
}
