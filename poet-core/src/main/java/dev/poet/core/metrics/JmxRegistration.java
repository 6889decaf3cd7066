package dev.poet.core.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.poet.core.log.PoetLog;

/**
 * Registers one {@link MethodMXBean} per enhanced method in the platform MBean server, late: the platform server
 * (and with it the JVM's logging, which its first use sets up) is first touched on a daemon thread of ours once
 * {@code delayMillis} have passed, so an application that chooses its own {@code java.util.logging.manager} or
 * {@code javax.management.builder.initial} in its {@code main} still gets them. After that, methods that got an
 * enhancement since are registered every {@code pollMillis}. Registration is never undone while the JVM runs: a
 * method's bean outlives a quarantine (it then reads {@code inactive}).
 */
public final class JmxRegistration implements AutoCloseable {

    /** The domain of the beans' names. */
    public static final String DOMAIN = "dev.poet";

    private final PoetMetrics metrics;
    private final Supplier<MBeanServer> server;
    private final long delayMillis;
    private final long pollMillis;
    private final Set<String> registered = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param server the server to register in, asked for only after the delay (the platform server in the agent)
     */
    JmxRegistration(PoetMetrics metrics, Supplier<MBeanServer> server, long delayMillis, long pollMillis) {
        this.metrics = metrics;
        this.server = server;
        this.delayMillis = delayMillis;
        this.pollMillis = pollMillis;
        this.thread = new Thread(this::run, "poet-jmx");
        thread.setDaemon(true);
    }

    /** Starts registering in the platform MBean server after {@code delayMillis}. */
    public static JmxRegistration start(PoetMetrics metrics, long delayMillis) {
        JmxRegistration r = new JmxRegistration(metrics, ManagementFactory::getPlatformMBeanServer, delayMillis,
                1000);
        r.thread.start();
        return r;
    }

    /** The name of {@code key}'s bean. */
    public static ObjectName nameOf(String key) throws javax.management.MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Method,name=" + quoteIfNeeded(key));
    }

    /** Method keys are {@code [A-Za-z0-9._~-]+} and need no quoting; anything else is quoted rather than refused. */
    private static String quoteIfNeeded(String key) {
        return key.matches("[A-Za-z0-9._~-]+") ? key : ObjectName.quote(key);
    }

    private void run() {
        try {
            if (!pause(delayMillis)) {
                return;
            }
            MBeanServer s = server.get();
            while (!closed) {
                registerNew(s);
                if (!pause(pollMillis)) {
                    return;
                }
            }
        } catch (Throwable t) {
            PoetLog.suppressed("JMX: method beans are not registered", t);
        }
    }

    /** Registers the methods not registered yet; one that cannot be is logged and not tried again. */
    void registerNew(MBeanServer s) {
        for (MethodFigures f : metrics.figures()) {
            if (!registered.add(f.key())) {
                continue;
            }
            try {
                s.registerMBean(new MethodBean(f.key(), metrics), nameOf(f.key()));
            } catch (InstanceAlreadyExistsException e) {
                PoetLog.warn("JMX: " + DOMAIN + ":type=Method,name=" + f.key()
                        + " is already registered by someone else; left as it is");
            } catch (Exception | LinkageError e) {
                PoetLog.warn("JMX: the bean of " + f.key() + " is not registered: " + e);
            }
        }
    }

    private boolean pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops registering further beans; those registered stay until the JVM ends. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
