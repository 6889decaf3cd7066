package dev.poet.core.verify;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/** Methods whose signatures the tests verify enhancements of, and a helper building their contexts. */
public class Target {

    /** An application type: not synthesised. */
    public static final class Order {
    }

    public static String greet(String name, int times, List<String> tags) {
        return name + times + tags;
    }

    public static double half(double x) {
        return x / 2;
    }

    public static int[] reverse(int[] values) {
        return values;
    }

    public static void place(Order order) {
    }

    public static Order make(String id) {
        return new Order();
    }

    public static long raw(List things, Map<String, Integer> counts) {
        return 0;
    }

    public static String work(String text, int count, java.io.File file) {
        return text + count + file;
    }

    static final AtomicInteger IDS = new AtomicInteger(1000);

    static Method method(String name) {
        for (Method m : Target.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static MethodContext context(String name, String domain) {
        return context(name, domain, PhaseEventSink.NONE);
    }

    static MethodContext context(String name, String domain, PhaseEventSink sink) {
        Method m = method(name);
        String[] names = new String[m.getParameterCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = m.getParameters()[i].getName();
        }
        return new MethodContext(IDS.incrementAndGet(), "Target#" + name, Target.class.getName(), name, "()V",
                m.getParameterTypes(), names, m.getReturnType(), m.getExceptionTypes(), true, false, domain,
                new ParamsRef(Params.of(Map.of())), sink, new MethodStats());
    }
}
