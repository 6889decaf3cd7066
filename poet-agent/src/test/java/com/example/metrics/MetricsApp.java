package com.example.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.util.logging.LogManager;

import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

import dev.poet.api.Poet;

/**
 * A service that, like many, chooses its own logging manager and MBean server builder in {@code main}, then makes
 * a known number of calls, some failing. Prints {@code made <calls> <failures>}, calls a method whose dependency is
 * down until its breaker refuses ({@code down <calls> <refused>}), then what the JVM gave it
 * ({@code logmanager <class>}, {@code builder-used <true|false>}), then {@code ready}; on the input line
 * {@code late} it calls a method of another class for the first time ({@code late-done}); stops when stdin closes.
 */
public final class MetricsApp {

    /** Calls of {@link #down()}: enough to fill the breaker's window and then be refused. */
    public static final int DOWN_CALLS = 30;

    /** The application's own log manager, set through {@code java.util.logging.manager}. */
    public static final class AppLogManager extends LogManager {
        public AppLogManager() {
            super();
        }
    }

    /** The application's own MBean server builder, set through {@code javax.management.builder.initial}. */
    public static final class AppBuilder extends MBeanServerBuilder {
        static volatile boolean used;

        @Override
        public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
            used = true;
            return super.newMBeanServer(defaultDomain, outer, delegate);
        }
    }

    /** Fails every fifth call with an exception the caller sees. */
    @Poet(domain = "api_operations")
    public static int quote(int x) {
        if (x % 5 == 0) {
            throw new IllegalArgumentException("no quote for " + x);
        }
        return x * 3;
    }

    /** A dependency that is down: every call fails, until the breaker opens and refuses calls itself. */
    @Poet(domain = "api_operations")
    public static String down() throws IOException {
        throw new IOException("connection refused");
    }

    /** Called for the first time only on request, long after start-up. */
    public static final class Late {
        @Poet
        public static int late(int x) {
            return x + 1;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", AppLogManager.class.getName());
        System.setProperty("javax.management.builder.initial", AppBuilder.class.getName());
        int calls = Integer.parseInt(args[0]);
        int failures = 0;
        for (int i = 1; i <= calls; i++) {
            try {
                quote(i);
            } catch (IllegalArgumentException e) {
                failures++;
            }
        }
        System.out.println("made " + calls + " " + failures);
        int refused = 0;
        for (int i = 0; i < DOWN_CALLS; i++) {
            try {
                down();
            } catch (IOException e) {
                if (e.getClass().getSimpleName().startsWith("BreakerOpen")) {
                    refused++;
                }
            }
        }
        System.out.println("down " + DOWN_CALLS + " " + refused);
        System.out.println("logmanager " + LogManager.getLogManager().getClass().getName());
        ManagementFactory.getPlatformMBeanServer();
        System.out.println("builder-used " + AppBuilder.used);
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("late")) {
                Late.late(1);
                System.out.println("late-done");
            }
        }
    }
}
