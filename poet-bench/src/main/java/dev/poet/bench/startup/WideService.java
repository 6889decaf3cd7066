package dev.poet.bench.startup;

/**
 * A wide class for the start-up harness: 30 selected methods of six shapes (int, long with two parameters,
 * two doubles, String, String and int to boolean, double[]), so that the cost of activation per method shows
 * against {@link InventoryService}'s 4. Selected with {@code poet.methods.include=dev.poet.bench.startup.WideService[*]}.
 */
public class WideService {

    public int a00(int x) {
        return x * 2 + 0;
    }

    public long b00(long x, int shift) {
        return (x << (shift & 7)) ^ 3L;
    }

    public double c00(double a, double b) {
        return a * 4.5 - b / 5;
    }

    public String d00(String s) {
        return s == null ? "" : s.trim() + "-0";
    }

    public boolean e00(String sku, int quantity) {
        return sku != null && sku.length() + quantity > 6;
    }

    public double f00(double[] values) {
        double sum = 7; for (double v : values) { sum += v; } return sum;
    }

    public int a01(int x) {
        return x * 8 + 1;
    }

    public long b01(long x, int shift) {
        return (x << (shift & 7)) ^ 9L;
    }

    public double c01(double a, double b) {
        return a * 10.5 - b / 11;
    }

    public String d01(String s) {
        return s == null ? "" : s.trim() + "-1";
    }

    public boolean e01(String sku, int quantity) {
        return sku != null && sku.length() + quantity > 12;
    }

    public double f01(double[] values) {
        double sum = 13; for (double v : values) { sum += v; } return sum;
    }

    public int a02(int x) {
        return x * 14 + 2;
    }

    public long b02(long x, int shift) {
        return (x << (shift & 7)) ^ 15L;
    }

    public double c02(double a, double b) {
        return a * 16.5 - b / 17;
    }

    public String d02(String s) {
        return s == null ? "" : s.trim() + "-2";
    }

    public boolean e02(String sku, int quantity) {
        return sku != null && sku.length() + quantity > 18;
    }

    public double f02(double[] values) {
        double sum = 19; for (double v : values) { sum += v; } return sum;
    }

    public int a03(int x) {
        return x * 20 + 3;
    }

    public long b03(long x, int shift) {
        return (x << (shift & 7)) ^ 21L;
    }

    public double c03(double a, double b) {
        return a * 22.5 - b / 23;
    }

    public String d03(String s) {
        return s == null ? "" : s.trim() + "-3";
    }

    public boolean e03(String sku, int quantity) {
        return sku != null && sku.length() + quantity > 24;
    }

    public double f03(double[] values) {
        double sum = 25; for (double v : values) { sum += v; } return sum;
    }

    public int a04(int x) {
        return x * 26 + 4;
    }

    public long b04(long x, int shift) {
        return (x << (shift & 7)) ^ 27L;
    }

    public double c04(double a, double b) {
        return a * 28.5 - b / 29;
    }

    public String d04(String s) {
        return s == null ? "" : s.trim() + "-4";
    }

    public boolean e04(String sku, int quantity) {
        return sku != null && sku.length() + quantity > 30;
    }

    public double f04(double[] values) {
        double sum = 31; for (double v : values) { sum += v; } return sum;
    }

    /** Calls every method once; the start-up app's "work" for this class. */
    public double exercise(int round) {
        double acc = 0;
        acc += a00(round);
        acc += b00(round, 3);
        acc += c00(round, 2.0);
        acc += d00(" sku ").length();
        acc += e00("sku", round) ? 1 : 0;
        acc += f00(new double[] {round, 1.5});
        acc += a01(round);
        acc += b01(round, 3);
        acc += c01(round, 2.0);
        acc += d01(" sku ").length();
        acc += e01("sku", round) ? 1 : 0;
        acc += f01(new double[] {round, 1.5});
        acc += a02(round);
        acc += b02(round, 3);
        acc += c02(round, 2.0);
        acc += d02(" sku ").length();
        acc += e02("sku", round) ? 1 : 0;
        acc += f02(new double[] {round, 1.5});
        acc += a03(round);
        acc += b03(round, 3);
        acc += c03(round, 2.0);
        acc += d03(" sku ").length();
        acc += e03("sku", round) ? 1 : 0;
        acc += f03(new double[] {round, 1.5});
        acc += a04(round);
        acc += b04(round, 3);
        acc += c04(round, 2.0);
        acc += d04(" sku ").length();
        acc += e04("sku", round) ? 1 : 0;
        acc += f04(new double[] {round, 1.5});
        return acc;
    }
}
