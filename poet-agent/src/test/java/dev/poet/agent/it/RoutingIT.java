package dev.poet.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Shapes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method shape routed through the base enhancement behaves exactly as without the agent: same output, same
 * exception instances, same number of body executions.
 */
@ExtendWith(SuppressedErrorCheck.class)
class RoutingIT {

    private static JvmRun plain;

    @BeforeAll
    static void runWithoutAgent() {
        plain = AgentJvm.of(Shapes.class).withoutAgent().run();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
    }

    @Test
    void everyShapeIsRoutedAndTransparent() {
        JvmRun enhanced = AgentJvm.of(Shapes.class).property("poet.activation", "eager").run();

        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).isEqualTo(plain.stdout());
        String shapes = Shapes.class.getName();
        for (String method : new String[] {"add", "mul", "concat", "bump", "reverse", "max", "ratio", "syncInc",
                "overloaded", "fib", "callsOther", "nullable", "throwsChecked", "throwsRuntime", "mutateArgument",
                "initial", "isEven", "hidden"}) {
            assertThat(enhanced.counter(shapes + "." + method, "calls")).as(method + " in\n" + enhanced).isPositive();
        }
        assertThat(enhanced.counter(shapes + "$Nested.half", "calls")).as(enhanced.toString()).isEqualTo(3);
        assertThat(enhanced.counter(shapes + "$Greeter.greet", "calls")).as(enhanced.toString()).isEqualTo(3);
        // Only the outermost call of a recursive method is enhanced: three calls of fib(15), not thousands.
        assertThat(enhanced.counter(shapes + ".fib", "calls")).isEqualTo(3);
        // add is called directly and from inside callsOther: both are enhanced.
        assertThat(enhanced.counter(shapes + ".add", "calls")).isEqualTo(6);
        assertThat(enhanced.counter(shapes + ".throwsChecked", "failures-passed-through")).isEqualTo(3);
    }

    @Test
    void newerLanguageShapesAreRoutedToo() {
        JvmRun plainExotic = AgentJvm.of(com.example.legacy.Exotic.class).withoutAgent().run();
        JvmRun enhanced = AgentJvm.of(com.example.legacy.Exotic.class).property("poet.activation", "eager").run();

        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).isEqualTo(plainExotic.stdout()).contains("8 148 s! green 5");
        for (String method : new String[] {"$Tool.twice", "$Tool.helper", "$Tool.mix", "$Tool.secret",
                "$Color.lower", "$Point.sum"}) {
            assertThat(enhanced.counter("com.example.legacy.Exotic" + method, "calls")).as(method + "\n" + enhanced)
                    .isEqualTo(2);
        }
    }

    @Test
    void asyncActivationKeepsTheOriginalRunningUntilReady() {
        JvmRun enhanced = AgentJvm.of(Shapes.class).run();

        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).isEqualTo(plain.stdout());
    }
}
