package dev.poet.bench.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.poet.bench.overhead.AgentProbe;

/**
 * Runs under the agent (started by {@link ScaleHarness}): loads the generated class, calls one selected method
 * (with eager activation that call waits for the whole class's unit), calls the others once, polls the bridge's
 * slots until every method is active, and prints timings and heap/metaspace held per active method.
 */
public final class ScaleChild {

    private ScaleChild() {
    }

    public static void main(String[] args) throws Exception {
        String className = args[0];
        int expected = Integer.parseInt(args[1]);
        long timeoutMs = Long.parseLong(args[2]);
        if (!AgentProbe.agentPresent()) {
            throw new IllegalStateException("the agent is not in this JVM");
        }
        Class<?> type = Class.forName(className);
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::toString));
        Object[][] arguments = new Object[methods.size()][];
        for (int i = 0; i < methods.size(); i++) {
            arguments[i] = sample(methods.get(i).getParameterTypes());
        }
        int undiscovered = AgentProbe.undiscovered();
        long heapBefore = usedHeapAfterGc();
        long metaBefore = metaspaceUsed();
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();

        long t0 = System.nanoTime();
        methods.get(0).invoke(null, arguments[0]);
        long tFirst = System.nanoTime();
        for (int i = 1; i < methods.size(); i++) {
            methods.get(i).invoke(null, arguments[i]);
        }
        long tCalled = System.nanoTime();
        int active = AgentProbe.active(className);
        long deadline = t0 + timeoutMs * 1_000_000L;
        while (active < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            active = AgentProbe.active(className);
        }
        long tAll = System.nanoTime();
        // Every method once more through its enhancement, so that lazily built state exists before measuring.
        for (int i = 0; i < methods.size(); i++) {
            methods.get(i).invoke(null, arguments[i]);
        }
        long heapAfter = usedHeapAfterGc();
        long metaAfter = metaspaceUsed();
        long classesAfter = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();

        System.out.println("scale.methods.declared=" + methods.size());
        System.out.println("scale.slots.undiscovered.before=" + undiscovered);
        System.out.println("scale.active=" + active + " (expected " + expected + ")");
        System.out.printf("scale.ms.first-call=%.0f%n", (tFirst - t0) / 1e6);
        System.out.printf("scale.ms.all-called=%.0f%n", (tCalled - t0) / 1e6);
        System.out.printf("scale.ms.all-active=%.0f%n", (tAll - t0) / 1e6);
        System.out.println("scale.heap.before=" + heapBefore);
        System.out.println("scale.heap.after=" + heapAfter);
        System.out.printf("scale.heap.per-method-bytes=%.0f%n", (heapAfter - heapBefore) / (double) Math.max(1, active));
        System.out.printf("scale.metaspace.per-method-bytes=%.0f%n", (metaAfter - metaBefore) / (double) Math.max(1, active));
        System.out.println("scale.classes.loaded.delta=" + (classesAfter - classesBefore));
        System.out.println("scale.pid=" + ProcessHandle.current().pid());
        if (Boolean.getBoolean("scale.pause")) {
            System.out.println("scale.paused (histogram now)");
            System.out.flush();
            Thread.sleep(Long.getLong("scale.pause.ms", 5000));
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long metaspaceUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace") || pool.getName().equals("Compressed Class Space")) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    static Object[] sample(Class<?>[] types) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == int.class) values[i] = 3;
            else if (t == long.class) values[i] = 4L;
            else if (t == double.class) values[i] = 1.5;
            else if (t == boolean.class) values[i] = true;
            else if (t == String.class) values[i] = "x";
            else if (t == double[].class) values[i] = new double[] {1, 2};
            else if (t == int[].class) values[i] = new int[] {1, 2};
            else values[i] = null;
        }
        return values;
    }
}
