package dev.poet.core.metrics;

import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.MethodStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Method beans in an MBean server of the test's own (never the platform one): named by key, reading the figures
 * live, registered once each, later methods on a later round, a name someone else holds left alone.
 */
class JmxRegistrationTest {

    /** Not kept by the factory: nothing to release. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<EnhancedMethod> methods = new ArrayList<>();
    private final PoetMetrics metrics = new PoetMetrics(() -> () -> methods, () -> null, new GenerationCounts(),
            () -> 0, () -> 0);
    private final JmxRegistration registration = new JmxRegistration(metrics, () -> server, 0, 1000);

    private MethodStats add(String key, String name) {
        MethodStats stats = new MethodStats();
        methods.add(new EnhancedMethod(key, "com.acme.Pricing", name, "v1", true, stats, null));
        return stats;
    }

    @Test
    void eachMethodGetsOneBeanWhoseAttributesAreTheLiveFigures() throws Exception {
        MethodStats stats = add("com.acme.Pricing~quote~abc", "quote");
        registration.registerNew(server);
        ObjectName name = new ObjectName("dev.poet:type=Method,name=com.acme.Pricing~quote~abc");
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.getAttribute(name, "Calls")).isEqualTo(0L);
        stats.calls.add(4);
        stats.failuresPassedThrough.add(1);
        stats.deliberateFailures.add(1);
        assertThat(server.getAttribute(name, "Calls")).isEqualTo(4L);
        assertThat(server.getAttribute(name, "Failures")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "DeliberateFailures")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "State")).isEqualTo("active");
        assertThat(server.getAttribute(name, "BreakerState")).isEqualTo("");
        assertThat(server.getAttribute(name, "ClassName")).isEqualTo("com.acme.Pricing");
        assertThat(server.isInstanceOf(name, MethodMXBean.class.getName())).isTrue();

        add("com.acme.Pricing~late~def", "late");
        registration.registerNew(server);
        assertThat(server.queryNames(new ObjectName("dev.poet:type=Method,*"), null)).hasSize(2);
    }

    @Test
    void aNameSomeoneElseRegisteredIsLeftAsItIs() throws Exception {
        ObjectName name = new ObjectName("dev.poet:type=Method,name=com.acme.Pricing~quote~abc");
        Object theirs = new StandardMBean(new MethodBean("other", metrics), MethodMXBean.class, true);
        server.registerMBean(theirs, name);
        add("com.acme.Pricing~quote~abc", "quote");
        registration.registerNew(server);
        assertThat(server.getAttribute(name, "Key")).isEqualTo("other");
    }
}
