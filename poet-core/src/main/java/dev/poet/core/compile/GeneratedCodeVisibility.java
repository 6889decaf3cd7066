package dev.poet.core.compile;

import java.util.Set;

/**
 * Which JDK classes generated code may even resolve. This is defence in depth behind the bytecode audit (which
 * decides member by member): a class outside this list cannot be linked at all by a generated class.
 */
final class GeneratedCodeVisibility {

    private static final Set<String> OPEN_PACKAGES = Set.of(
            "java.lang.", "java.lang.annotation.", "java.lang.constant.", "java.util.", "java.util.regex.", "java.math.", "java.time.",
            "java.util.concurrent.", "java.util.concurrent.atomic.", "java.util.function.");

    private static final Set<String> CLOSED_CLASSES = Set.of(
            "java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle",
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader",
            "java.lang.SecurityManager", "java.lang.Module", "java.lang.ModuleLayer", "java.lang.StackWalker",
            "java.lang.InheritableThreadLocal", "java.lang.ThreadLocal", "java.lang.Compiler",
            "java.util.ServiceLoader", "java.util.Timer", "java.util.TimerTask", "java.util.Scanner",
            "java.util.concurrent.Executors", "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ForkJoinPool", "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.ScheduledThreadPoolExecutor");

    private static final Set<String> OPEN_CLASSES = Set.of(
            "java.io.IOException", "java.io.UncheckedIOException", "java.io.Serializable");

    private GeneratedCodeVisibility() {
    }

    static boolean jdkClassVisible(String name) {
        if (OPEN_CLASSES.contains(name)) {
            return true;
        }
        if (CLOSED_CLASSES.contains(name)) {
            return false;
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return false;
        }
        String pkg = name.substring(0, lastDot + 1);
        return OPEN_PACKAGES.contains(pkg);
    }

    static boolean isPoetRuntime(String name) {
        return name.startsWith("dev.poet.bridge.") || name.startsWith("dev.poet.runtime.");
    }
}
