package com.example.legacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.api.Poet;

/**
 * Methods of every shape the agent must route transparently. Each body counts its executions so the output
 * shows that nothing ran twice.
 */
@Poet
public class Shapes {

    static final IOException PREBUILT = new IOException("prebuilt");
    static final Map<String, Integer> BODY_RUNS = new TreeMap<>();

    static void ran(String name) {
        BODY_RUNS.merge(name, 1, Integer::sum);
    }

    public static int add(int a, int b) {
        ran("add");
        return a + b;
    }

    public long mul(long a, long b) {
        ran("mul");
        return a * b;
    }

    public String concat(String... parts) {
        ran("concat");
        return String.join("+", parts);
    }

    public void bump() {
        ran("bump");
    }

    public int[] reverse(int[] in) {
        ran("reverse");
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    public <T extends Comparable<T>> T max(List<T> values) {
        ran("max");
        return Collections.max(values);
    }

    public double ratio(double a, double b) {
        ran("ratio");
        return a / b;
    }

    public synchronized int syncInc(int x) {
        ran("syncInc");
        return x + 1;
    }

    public int overloaded(int x) {
        ran("overloaded(int)");
        return x * 10;
    }

    public String overloaded(String s) {
        ran("overloaded(String)");
        return s + "!";
    }

    public int overloaded(int x, int y) {
        ran("overloaded(int,int)");
        return x * y;
    }

    public static long fib(int n) {
        ran("fib");
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    public int callsOther(int x) {
        ran("callsOther");
        return add(x, 1) * 2;
    }

    public String nullable(String s) {
        ran("nullable");
        return s == null ? null : s.trim();
    }

    /** One attempt: base would retry an IOException, which runs the body again. */
    @Poet(retries = 1)
    public Object throwsChecked(int x) throws IOException {
        ran("throwsChecked");
        if (x < 0) {
            throw PREBUILT;
        }
        return x;
    }

    public int throwsRuntime(int x) {
        ran("throwsRuntime");
        return 10 / x;
    }

    public List<String> mutateArgument(List<String> list) {
        ran("mutateArgument");
        list.add("added");
        return list;
    }

    public char initial(String s) {
        ran("initial");
        return s.charAt(0);
    }

    public boolean isEven(byte b) {
        ran("isEven");
        return b % 2 == 0;
    }

    @Poet
    private int hidden(int x) {
        ran("hidden");
        return x - 1;
    }

    int callHidden(int x) {
        return hidden(x);
    }

    /** A nested class, addressed as Shapes$Nested. */
    public static class Nested {
        @Poet
        public float half(float x) {
            ran("Nested.half");
            return x / 2;
        }
    }

    /** An interface default method. */
    public interface Greeter {
        @Poet
        default String greet(String name) {
            ran("Greeter.greet");
            return "hi " + name;
        }
    }

    /** Overrides nothing: the default method runs. */
    public static class PlainGreeter implements Greeter {
    }

    /** A subclass override must not be reached when the original is re-invoked. */
    public static class LoudShapes extends Shapes {
        @Override
        public String overloaded(String s) {
            return "LOUD " + super.overloaded(s);
        }
    }

    public static void main(String[] args) {
        Shapes s = new Shapes();
        List<String> out = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            out.add("add=" + add(2, 3));
            out.add("mul=" + s.mul(6L, 7L));
            out.add("concat=" + s.concat("a", "b", "c"));
            s.bump();
            out.add("reverse=" + java.util.Arrays.toString(s.reverse(new int[] {1, 2, 3})));
            out.add("max=" + s.max(List.of(3, 9, 4)));
            out.add("ratio=" + s.ratio(1, 0) + "," + s.ratio(0, 0) + "," + s.ratio(3, 2));
            out.add("syncInc=" + s.syncInc(41));
            out.add("overloaded=" + s.overloaded(4) + "," + s.overloaded("x") + "," + s.overloaded(3, 5));
            out.add("fib=" + fib(15));
            out.add("callsOther=" + s.callsOther(4));
            out.add("nullable=" + s.nullable(null) + "," + s.nullable("  t  "));
            try {
                s.throwsChecked(-1);
            } catch (IOException e) {
                out.add("throwsChecked=" + (e == PREBUILT ? "same instance" : "other instance " + e));
            }
            try {
                s.throwsRuntime(0);
            } catch (ArithmeticException e) {
                out.add("throwsRuntime=" + e.getMessage());
            }
            out.add("mutateArgument=" + s.mutateArgument(new ArrayList<>(List.of("x"))));
            out.add("initial=" + s.initial("poet"));
            out.add("isEven=" + s.isEven((byte) 4));
            out.add("hidden=" + s.callHidden(10));
            out.add("half=" + new Nested().half(5f));
            out.add("greet=" + new PlainGreeter().greet("you"));
            out.add("loud=" + new LoudShapes().overloaded("y"));
        }
        out.forEach(System.out::println);
        System.out.println("body runs " + BODY_RUNS);
    }
}
