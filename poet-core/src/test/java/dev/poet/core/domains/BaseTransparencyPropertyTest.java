package dev.poet.core.domains;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.example.domains.Legacy;

import dev.poet.bridge.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base domain is transparent: where the original returns, the enhanced method returns the same value with
 * the same side effects; where it throws, the same exception instance propagates (unless a retry of a transient
 * failure succeeded). About a thousand generated inputs per method (seeded), each called
 * directly and through the base enhancement: the same value, the same exception instance, the same effect on
 * mutable arguments. Failures are deterministic per input (an IOException input fails on every retry with the
 * same instance), so a retry cannot make a difference here.
 */
class BaseTransparencyPropertyTest {

    private static final int N = 1000;
    private final Random random = new Random(20240611L);

    private double anyDouble() {
        switch (random.nextInt(8)) {
            case 0: return Double.NaN;
            case 1: return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2: return 0.0;
            case 3: return -0.0;
            default: return random.nextGaussian() * 1e3;
        }
    }

    private String anyString() {
        switch (random.nextInt(5)) {
            case 0: return null;
            case 1: return "";
            default: return Long.toString(random.nextLong(), 36);
        }
    }

    private static DomainHarness base(String method) throws Exception {
        return DomainHarness.of(Legacy.class, method, "base", "backoff-initial-ms", "0", "backoff-max-ms", "0",
                "retry-budget-max-tokens", "1000000");
    }

    private static java.lang.reflect.Method method(String name) {
        for (java.lang.reflect.Method m : Legacy.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    private static void assertSame(Outcome enhanced, Outcome direct, Object input) {
        assertThat(enhanced.thrown).as("thrown for %s", input).isSameAs(direct.thrown);
        if (direct.value instanceof Double && ((Double) direct.value).isNaN()) {
            assertThat((Double) enhanced.value).isNaN();
        } else {
            assertThat(enhanced.value).as("value for %s", input).isEqualTo(direct.value);
        }
    }

    @Test
    void pureStaticAndInstanceMethods() throws Exception {
        DomainHarness pure = base("pure");
        DomainHarness ratio = base("ratio");
        Legacy self = new Legacy();
        for (int i = 0; i < N; i++) {
            int a = random.nextInt();
            long b = random.nextLong();
            double c = anyDouble();
            assertSame(pure.call(null, a, b, c), DomainHarness.direct(method("pure"), null, a, b, c), a + "," + b + "," + c);
            double x = anyDouble();
            double y = anyDouble();
            assertSame(ratio.call(self, x, y), DomainHarness.direct(method("ratio"), self, x, y), x + "/" + y);
        }
        assertThat(pure.ownFailures() + ratio.ownFailures()).isZero();
    }

    @Test
    void throwingMethodsPassTheSameInstance() throws Exception {
        DomainHarness throwing = base("throwing");
        Legacy self = new Legacy();
        int thrown = 0;
        for (int i = 0; i < N; i++) {
            int n = random.nextInt(200) - 100;
            Outcome direct = DomainHarness.direct(method("throwing"), self, n);
            assertSame(throwing.call(self, n), direct, n);
            thrown += direct.thrown != null ? 1 : 0;
        }
        assertThat(thrown).isGreaterThan(100);
        assertThat(throwing.ownFailures()).isZero();
    }

    @Test
    void argumentMutatingMethodsHaveTheSameEffect() throws Exception {
        DomainHarness scale = base("scale");
        DomainHarness drain = base("drain");
        Legacy self = new Legacy();
        for (int i = 0; i < N; i++) {
            double[] values = new double[random.nextInt(6)];
            for (int j = 0; j < values.length; j++) {
                values[j] = anyDouble();
            }
            double factor = anyDouble();
            double[] viaEnhanced = values.clone();
            double[] viaDirect = values.clone();
            assertSame(scale.call(self, viaEnhanced, factor), DomainHarness.direct(method("scale"), self, viaDirect, factor),
                    Arrays.toString(values));
            assertThat(viaEnhanced).isEqualTo(viaDirect);

            List<String> items = new ArrayList<>();
            for (int j = random.nextInt(4); j > 0; j--) {
                items.add(anyString());
            }
            List<String> a = new ArrayList<>(items);
            List<String> b = new ArrayList<>(items);
            assertSame(drain.call(self, a), DomainHarness.direct(method("drain"), self, b), items);
            assertThat(a).isEqualTo(b).isEmpty();
        }
        assertThat(scale.ownFailures() + drain.ownFailures()).isZero();
    }

    @Test
    void nullReturningAndIdentityMethods() throws Exception {
        DomainHarness maybe = base("maybe");
        DomainHarness summary = base("summary");
        Legacy self = new Legacy();
        for (int i = 0; i < N; i++) {
            String s = anyString();
            assertSame(maybe.call(self, s), DomainHarness.direct(method("maybe"), self, s), s);
            Map<String, Object> in = random.nextInt(5) == 0 ? null : new LinkedHashMap<>();
            if (in != null) {
                for (int j = random.nextInt(3); j > 0; j--) {
                    in.put(anyString(), anyDouble());
                }
            }
            Outcome enhanced = summary.call(self, in);
            assertThat(enhanced.value).as("the very same map instance").isSameAs(in);
        }
        assertThat(maybe.ownFailures() + summary.ownFailures()).isZero();
        assertThat(maybe.events.count("enforce.violation")).as("null results are reported").isPositive();
    }
}
