package dev.poet.core.domains;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.domains.Models;
import com.example.domains.Swaps;

import dev.poet.runtime.breaker.BreakerOpenIOException;
import dev.poet.runtime.deadline.DeadlineExceededIOException;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.validate.InputRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every domain's real template, rendered and compiled as the pipeline does: swapping the method's parameter
 * snapshot changes what the enhancement does from the next call on, without rebuilding it.
 */
class ParamsSwapTest {

    private static void swap(DomainHarness h, String key, Object value) {
        ParamsRef ref = h.active.context().paramsRef();
        ref.set(ref.get().with(key, value));
    }

    @Test
    void baseRetriesBackoffAndDeadlineFollowTheSnapshot() throws Throwable {
        DomainHarness base = DomainHarness.of(Swaps.class, "fetch", "base", "backoff-initial-ms", "0");
        Swaps app = new Swaps();
        assertThatThrownBy(() -> base.invoke(app, "a")).isInstanceOf(IOException.class);
        assertThat(app.attempts).isEqualTo(3);

        swap(base, "retries", "1");
        app.attempts = 0;
        assertThatThrownBy(() -> base.invoke(app, "a")).isInstanceOf(IOException.class);
        assertThat(app.attempts).as("retries 3 -> 1 from the next call").isEqualTo(1);

        swap(base, "retries", "2");
        app.attempts = 0;
        assertThatThrownBy(() -> base.invoke(app, "a")).isInstanceOf(IOException.class);
        assertThat(app.attempts).as("5 of 10 tokens spent: the budget refuses the retry").isEqualTo(1);
        assertThat(base.events.count("retry.budget_exhausted")).isEqualTo(1);

        swap(base, "retry-budget-max-tokens", "100");
        swap(base, "backoff-initial-ms", "40");
        swap(base, "backoff-max-ms", "40");
        base.events.clear();
        app.attempts = 0;
        assertThatThrownBy(() -> base.invoke(app, "a")).isInstanceOf(IOException.class);
        assertThat(app.attempts).as("a bigger budget allows the retry again").isEqualTo(2);
        assertThat(base.events.ofType("retry.scheduled")).extracting(e -> (Long) e.fields().get("delay_ms"))
                .allSatisfy(delay -> assertThat(delay).isBetween(0L, 40L));

        DomainHarness timed = DomainHarness.of(Swaps.class, "slow", "base", "retries", "1");
        assertThat(timed.invoke(new Swaps(), "p")).as("no deadline without timeout-ms").isEqualTo("slow answer to p");
        swap(timed, "timeout-ms", "50");
        assertThatThrownBy(() -> timed.invoke(new Swaps(), "p")).isInstanceOf(DeadlineExceededIOException.class);
    }

    @Test
    void apiOperationsBreakerThresholdsIdempotencyAndErrorShapeFollowTheSnapshot() throws Throwable {
        DomainHarness api = DomainHarness.of(Models.class, "unavailable", "api_operations", "retries", "1",
                "breaker-window", "10", "breaker-min-calls", "10");
        Models app = new Models();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> api.invoke(app, "x")).hasMessageContaining("503");
        }
        swap(api, "breaker-window", "3");
        swap(api, "breaker-min-calls", "3");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> api.invoke(app, "x")).hasMessageContaining("503");
        }
        assertThatThrownBy(() -> api.invoke(app, "x")).as("the smaller window opened the breaker")
                .isInstanceOf(BreakerOpenIOException.class);
        assertThat(app.attempts).isEqualTo(5);

        swap(api, "error-shape", "true");
        @SuppressWarnings("unchecked")
        Map<String, Object> shaped = (Map<String, Object>) api.invoke(app, "x");
        assertThat(shaped).containsEntry("status", "error")
                .containsEntry("error_type", BreakerOpenIOException.class.getName());
        assertThat(app.attempts).as("a swap that leaves the breaker's settings alone keeps it open").isEqualTo(5);

        DomainHarness create = DomainHarness.of(Models.class, "createOrder", "api_operations", "backoff-initial-ms",
                "0");
        Models orders = new Models();
        create.invoke(orders, "o");
        assertThat(orders.attempts).isEqualTo(2);
        swap(create, "idempotent", "false");
        assertThatThrownBy(() -> create.invoke(orders, "o")).isInstanceOf(IOException.class);
        assertThat(orders.attempts).as("idempotent=false: one attempt").isEqualTo(3);
    }

    @Test
    void financialRiskRangesScaleAndConstraintModeFollowTheSnapshot() throws Throwable {
        DomainHarness risk = DomainHarness.of(Models.class, "creditScore", "financial_risk");
        assertThat(risk.invoke(new Models(), 1000.0, 50.0)).isEqualTo(50.0);
        swap(risk, "rate-max", "40");
        assertThatThrownBy(() -> risk.invoke(new Models(), 1000.0, 50.0)).isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("rate");
        swap(risk, "score-max", "20");
        assertThat(risk.invoke(new Models(), 1000.0, 30.0)).as("score clamped to the new score-max").isEqualTo(20.0);

        DomainHarness money = DomainHarness.of(Models.class, "monthlyPayment", "financial_risk");
        assertThat(money.invoke(new Models(), new java.math.BigDecimal("1000.00"), 6.0))
                .isEqualTo(new java.math.BigDecimal("88.33"));
        swap(money, "scale", "4");
        assertThat(money.invoke(new Models(), new java.math.BigDecimal("1000.00"), 6.0))
                .isEqualTo(new java.math.BigDecimal("88.3333"));

        DomainHarness greet = DomainHarness.of(Models.class, "greet", "financial_risk");
        assertThatThrownBy(() -> greet.invoke(new Models(), "Ann", 151, List.of("a"), "US", 0.1))
                .isInstanceOf(InputRejectedException.class);
        swap(greet, "constraint-mode", "report");
        assertThat(greet.invoke(new Models(), "Ann", 151, List.of("a"), "US", 0.1)).isEqualTo("hello Ann");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlMonitoringSignificanceWindowAndRetriesFollowTheSnapshot() throws Throwable {
        double[] series = new double[120];
        for (int i = 0; i < series.length; i++) {
            series[i] = (i % 10) + (i >= 100 ? 20 : 0);
        }
        DomainHarness ml = DomainHarness.of(Models.class, "drift", "ml_monitoring", "window-size", "20",
                "adaptive-window", "false");
        Map<String, Object> before = (Map<String, Object>) ml.invoke(new Models(), (Object) series.clone());
        assertThat(before.get("significant")).isEqualTo(true);
        assertThat(before.get("window_size")).isEqualTo(20);
        swap(ml, "significance", "0");
        swap(ml, "window-size", "10");
        Map<String, Object> after = (Map<String, Object>) ml.invoke(new Models(), (Object) series.clone());
        assertThat(after.get("significant")).as("p < 0 never holds").isEqualTo(false);
        assertThat(after.get("window_size")).isEqualTo(10);
    }

    @Test
    void llmOpsOutputBoundVariantsAndDeadlineFollowTheSnapshot() throws Throwable {
        DomainHarness llm = DomainHarness.of(Models.class, "complete", "llm_ops", "backoff-initial-ms", "0");
        Models app = new Models();
        app.attempts = 2;
        assertThat(llm.invoke(app, "hi")).isEqualTo("answer to hi");
        swap(llm, "max-output-chars", "5");
        assertThat(llm.invoke(app, "hi")).isEqualTo("answe");
        swap(llm, "prompt-variants", "{prompt}!");
        llm.invoke(app, "hi");
        assertThat(app.lastPrompt).isEqualTo("hi!");

        DomainHarness slow = DomainHarness.of(Swaps.class, "slow", "llm_ops", "retries", "1");
        assertThat(slow.invoke(new Swaps(), "p")).isEqualTo("slow answer to p");
        swap(slow, "timeout-ms", "50");
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.invoke(new Swaps(), "p")).isInstanceOf(DeadlineExceededIOException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(250);
    }

    @Test
    void aSnapshotMissingAParameterIsRefusedWholeAndReported() throws Throwable {
        DomainHarness base = DomainHarness.of(Swaps.class, "fetch", "base", "backoff-initial-ms", "0");
        ParamsRef ref = base.active.context().paramsRef();
        Map<String, Object> values = new java.util.LinkedHashMap<>(ref.get().asMap());
        values.remove("retry-budget-max-tokens");
        values.put("retries", "1");
        ref.set(dev.poet.runtime.params.Params.of(values));
        Swaps app = new Swaps();
        assertThatThrownBy(() -> base.invoke(app, "a")).isInstanceOf(IOException.class);
        assertThat(app.attempts).as("nothing of the incomplete snapshot applies, not even retries=1").isEqualTo(3);
        assertThat(base.events.ofType("params.rejected")).hasSize(1)
                .allSatisfy(e -> assertThat((String) e.fields().get("reason")).contains("retry-budget-max-tokens"));
        assertThat(base.ownFailures()).isZero();
    }
}
