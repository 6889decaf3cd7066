package dev.poet.core.domains;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.domains.Models;

import dev.poet.bridge.Outcome;
import dev.poet.runtime.breaker.BreakerOpenIOException;
import dev.poet.runtime.deadline.DeadlineExceededIOException;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.validate.InputRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same method under {@code base} and under each domain: what differs. */
class DomainBehaviourTest {

    private static double[] seasonal(int n, int period) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(2 * Math.PI * i / period) * 10;
        }
        return v;
    }

    // ml_monitoring

    @Test
    @SuppressWarnings("unchecked")
    void mlMonitoringCleansSamplesAndAddsDriftStatistics() throws Throwable {
        double[] series = new double[120];
        for (int i = 0; i < series.length; i++) {
            series[i] = (i % 10) + (i >= 100 ? 20 : 0);
        }
        series[3] = Double.NaN;
        series[40] = Double.POSITIVE_INFINITY;

        DomainHarness base = DomainHarness.of(Models.class, "drift", "base");
        Map<String, Object> plain = (Map<String, Object>) base.invoke(new Models(), (Object) series);
        assertThat(plain).containsOnlyKeys("mean");
        assertThat((Double) plain.get("mean")).isNaN();
        assertThat(base.events.count("perceive.violation")).isEqualTo(1);

        DomainHarness ml = DomainHarness.of(Models.class, "drift", "ml_monitoring", "window-size", "20",
                "adaptive-window", "false");
        double[] callers = series.clone();
        Map<String, Object> out = (Map<String, Object>) ml.invoke(new Models(), (Object) callers);
        assertThat(callers[3]).as("the caller's array is not changed").isNaN();
        assertThat((Double) out.get("mean")).isFinite();
        assertThat(out).containsKeys("ks_statistic", "ks_p_value", "psi", "kl_divergence", "drift_detected",
                "significant", "score", "data_quality", "window_size");
        assertThat(out.get("drift_detected")).isEqualTo(true);
        assertThat(out.get("significant")).isEqualTo(true);
        assertThat((Double) out.get("score")).isBetween(0.0, 1.0);
        assertThat(out.get("window_size")).isEqualTo(20);
        assertThat((Double) out.get("data_quality")).isEqualTo(118.0 / 120);
        assertThat(ml.events.count("ml.samples_cleaned")).isEqualTo(1);
        assertThat(ml.events.count("ml.data_quality")).isEqualTo(1);
        assertThat(ml.ownFailures()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlMonitoringSeasonalBaselineIsNotFooledBySeasonality() throws Throwable {
        double[] series = seasonal(240, 24);
        DomainHarness fixed = DomainHarness.of(Models.class, "drift", "ml_monitoring", "window-size", "12",
                "adaptive-window", "false", "min-samples", "5");
        DomainHarness seasonal = DomainHarness.of(Models.class, "drift", "ml_monitoring", "window-size", "12",
                "adaptive-window", "false", "min-samples", "5", "season-length", "24");
        Map<String, Object> f = (Map<String, Object>) fixed.invoke(new Models(), (Object) series);
        Map<String, Object> s = (Map<String, Object>) seasonal.invoke(new Models(), (Object) series);
        assertThat(f.get("drift_detected")).isEqualTo(true);
        assertThat(s.get("window")).isEqualTo("seasonal");
        assertThat(s.get("drift_detected")).isEqualTo(false);
        assertThat((Double) s.get("score")).as("rounding in sin() only").isLessThan(0.2);
        assertThat((Double) f.get("score")).isGreaterThan(0.4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlMonitoringGuaranteesScoreRangeAndTwoSampleComparison() throws Throwable {
        List<Number> reference = new ArrayList<>();
        List<Number> current = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            reference.add(i);
            current.add(i + 0.5);
        }
        current.add(Double.NaN);
        Map<String, Object> base = (Map<String, Object>) DomainHarness.of(Models.class, "compare", "base")
                .invoke(new Models(), reference, current);
        assertThat(base.get("score")).isEqualTo(7.5);
        DomainHarness ml = DomainHarness.of(Models.class, "compare", "ml_monitoring");
        Map<String, Object> out = (Map<String, Object>) ml.invoke(new Models(), reference, current);
        assertThat(out.get("n")).as("the NaN was dropped before the original ran").isEqualTo(60);
        assertThat(out.get("score")).isEqualTo(1.0);
        assertThat(out.get("window")).isEqualTo("two-samples");
        assertThat(out.get("drift_detected")).isEqualTo(false);
        assertThat(ml.events.count("ml.result_repaired")).isEqualTo(1);

        assertThat(DomainHarness.of(Models.class, "anomalyScore", "base").invoke(new Models(), (Object) new double[]{3.7}))
                .isEqualTo(3.7);
        assertThat(DomainHarness.of(Models.class, "anomalyScore", "ml_monitoring")
                .invoke(new Models(), (Object) new double[]{3.7})).isEqualTo(1.0);
        DomainHarness few = DomainHarness.of(Models.class, "anomalyScore", "ml_monitoring");
        few.invoke(new Models(), (Object) new double[]{0.5});
        assertThat(few.events.count("ml.too_few_samples")).isEqualTo(1);
    }

    // api_operations

    @Test
    @SuppressWarnings("unchecked")
    void apiOperationsNormalisesStatusAndStampsTheExecution() throws Throwable {
        Map<String, Object> plain = (Map<String, Object>) DomainHarness.of(Models.class, "getOrder", "base",
                "backoff-initial-ms", "0").invoke(new Models(), "o1");
        assertThat(plain).containsOnlyKeys("id", "status").containsEntry("status", "200");
        DomainHarness api = DomainHarness.of(Models.class, "getOrder", "api_operations", "backoff-initial-ms", "0");
        Map<String, Object> out = (Map<String, Object>) api.invoke(new Models(), "o1");
        assertThat(out).containsEntry("status", "success").containsEntry("id", "o1")
                .containsKeys("execution_id", "timestamp");
        assertThat((String) out.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(api.events.count("api.status_normalised")).isEqualTo(1);
        Map<String, Object> pending = (Map<String, Object>) DomainHarness.of(Models.class, "createOrder",
                "api_operations", "backoff-initial-ms", "0").invoke(new Models(), "o2");
        assertThat(pending).containsEntry("status", "pending");
    }

    @Test
    void apiOperationsRetriesOnlyIdempotentOperations() throws Throwable {
        Models m1 = new Models();
        DomainHarness.of(Models.class, "createOrder", "base", "backoff-initial-ms", "0").invoke(m1, "o");
        assertThat(m1.attempts).isEqualTo(2);
        Models m2 = new Models();
        DomainHarness api = DomainHarness.of(Models.class, "createOrder", "api_operations", "idempotent", "false");
        assertThatThrownBy(() -> api.invoke(m2, "o")).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(m2.attempts).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiOperationsHonoursRetryAfterShapesErrorsAndBreaks() throws Throwable {
        DomainHarness base = DomainHarness.of(Models.class, "unavailable", "base", "backoff-initial-ms", "0");
        assertThatThrownBy(() -> base.invoke(new Models(), "x")).isInstanceOf(IOException.class);
        assertThat(base.events.ofType("retry.scheduled")).extracting(e -> e.fields().get("delay_ms"))
                .containsOnly(0L);

        DomainHarness api = DomainHarness.of(Models.class, "unavailable", "api_operations", "error-shape", "true");
        Map<String, Object> error = (Map<String, Object>) api.invoke(new Models(), "x");
        assertThat(error).containsEntry("status", "error").containsEntry("error_type", "java.io.IOException")
                .containsKeys("error_message", "execution_id", "timestamp");
        assertThat(api.events.ofType("retry.scheduled")).extracting(e -> e.fields().get("delay_ms"))
                .containsOnly(30L);
        assertThat(api.events.count("api.error_shaped")).isEqualTo(1);

        DomainHarness breaking = DomainHarness.of(Models.class, "unavailable", "api_operations", "retries", "1",
                "breaker-window", "4", "breaker-min-calls", "4");
        Models m = new Models();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breaking.invoke(m, "x")).hasMessageContaining("503");
        }
        assertThatThrownBy(() -> breaking.invoke(m, "x")).isInstanceOf(BreakerOpenIOException.class);
        assertThat(m.attempts).as("the open breaker fails fast").isEqualTo(4);
    }

    // financial_risk

    @Test
    void financialRiskRejectsImpossibleInputsAndClampsScores() throws Throwable {
        DomainHarness base = DomainHarness.of(Models.class, "creditScore", "base");
        DomainHarness risk = DomainHarness.of(Models.class, "creditScore", "financial_risk");
        assertThat(base.invoke(new Models(), -50.0, 3.0)).isEqualTo(-8.0);
        assertThatThrownBy(() -> risk.invoke(new Models(), -50.0, 3.0)).isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("income");
        assertThat(base.invoke(new Models(), 100.0, 150.0)).isEqualTo(-140.0);
        assertThatThrownBy(() -> risk.invoke(new Models(), 100.0, 150.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate");
        assertThat(base.invoke(new Models(), 20000.0, 3.0)).isEqualTo(1997.0);
        assertThat(risk.invoke(new Models(), 20000.0, 3.0)).isEqualTo(1000.0);
        List<PhaseEvent> clamps = risk.events.ofType("enforce.violation");
        assertThat(clamps).hasSize(1);
        assertThat(clamps.get(0).fields()).containsEntry("action", "repaired");
        DomainHarness wide = DomainHarness.of(Models.class, "creditScore", "financial_risk", "score-max", "5000");
        assertThat(wide.invoke(new Models(), 20000.0, 3.0)).isEqualTo(1997.0);
    }

    @Test
    void financialRiskRoundsMoneyHalfEven() throws Throwable {
        Object plain = DomainHarness.of(Models.class, "monthlyPayment", "base")
                .invoke(new Models(), new BigDecimal("1000.005"), 6.0);
        assertThat(((BigDecimal) plain).scale()).isGreaterThan(2);
        DomainHarness risk = DomainHarness.of(Models.class, "monthlyPayment", "financial_risk");
        // 1000.005 -> 1000.00 (half-even), * 1.06 / 12 = 88.3333.. -> 88.33
        assertThat(risk.invoke(new Models(), new BigDecimal("1000.005"), 6.0)).isEqualTo(new BigDecimal("88.33"));
        assertThat(risk.events.count("financial.rounded")).isEqualTo(2);
        DomainHarness scale4 = DomainHarness.of(Models.class, "monthlyPayment", "financial_risk", "scale", "4");
        assertThat(scale4.invoke(new Models(), new BigDecimal("1000.00"), 6.0)).isEqualTo(new BigDecimal("88.3333"));
    }

    // llm_ops

    @Test
    void llmOpsRetriesRateLimitsAndShortOutput() throws Throwable {
        Models m1 = new Models();
        assertThatThrownBy(() -> DomainHarness.of(Models.class, "complete", "base").invoke(m1, "hi"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("429");
        assertThat(m1.attempts).isEqualTo(1);
        Models m2 = new Models();
        DomainHarness llm = DomainHarness.of(Models.class, "complete", "llm_ops", "backoff-initial-ms", "0");
        assertThat(llm.invoke(m2, "hi")).isEqualTo("answer to hi");
        assertThat(m2.attempts).isEqualTo(3);
        assertThat(llm.events.count("llm.output_too_short")).isEqualTo(1);
        assertThat(llm.events.count("retry.scheduled")).isEqualTo(2);
    }

    @Test
    void llmOpsRotatesPromptVariantsAndBoundsOutput() throws Throwable {
        DomainHarness llm = DomainHarness.of(Models.class, "complete", "llm_ops", "backoff-initial-ms", "0",
                "prompt-variants", "Be brief.|{prompt} (answer in French)", "max-output-chars", "12");
        Models m = new Models();
        m.attempts = 2;
        assertThat(llm.invoke(m, "hi")).isEqualTo("answer to Be");
        assertThat(m.lastPrompt).isEqualTo("Be brief.\n\nhi");
        llm.invoke(m, "hi");
        assertThat(m.lastPrompt).isEqualTo("hi (answer in French)");
        llm.invoke(m, "hi");
        assertThat(m.lastPrompt).isEqualTo("Be brief.\n\nhi");
        assertThat(llm.events.ofType("llm.prompt_variant")).extracting(e -> e.fields().get("variant"))
                .containsExactly(0, 1, 0);
        assertThat(llm.events.count("llm.output_truncated")).isEqualTo(3);
    }

    @Test
    void llmOpsEnforcesItsTimeOut() throws Throwable {
        assertThat(DomainHarness.of(Models.class, "slowComplete", "base").invoke(new Models(), "p"))
                .isEqualTo("slow answer");
        DomainHarness llm = DomainHarness.of(Models.class, "slowComplete", "llm_ops", "timeout-ms", "50",
                "retries", "1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> llm.invoke(new Models(), "p")).isInstanceOf(DeadlineExceededIOException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(350);
    }

    @Test
    void llmOpsDoesNotRetryVoidMethodsForTheirNullResult() throws Throwable {
        DomainHarness llm = DomainHarness.of(com.example.domains.Legacy.class, "scale", "llm_ops");
        double[] values = {1, 2};
        llm.invoke(new com.example.domains.Legacy(), values, 2.0);
        assertThat(values).containsExactly(2, 4);
        assertThat(llm.events.count("retry.scheduled")).isZero();
    }

    // constraints

    @Test
    void constraintsAreReportedInBaseAndEnforcedWhereConfigured() throws Throwable {
        List<String> tags = Arrays.asList("a", "b", "c", "d");
        DomainHarness base = DomainHarness.of(Models.class, "greet", "base");
        assertThat(base.invoke(new Models(), "  ", -1, tags, "usa", 0.75)).isEqualTo("hello   ");
        assertThat(base.events.ofType("perceive.violation")).extracting(e -> e.fields().get("rule"))
                .contains("@NotBlank", "@Min(0)", "@Size(min=1, max=3)", "@Pattern([A-Z]{2})", "@DecimalMax(0.5)");
        assertThat(base.invoke(new Models(), "age", 30, List.of("a"), "US", 0.1)).isNull();
        assertThat(base.events.ofType("enforce.violation")).extracting(e -> e.fields().get("rule"))
                .contains("@NotNull");

        DomainHarness strict = DomainHarness.of(Models.class, "greet", "financial_risk");
        assertThatThrownBy(() -> strict.invoke(new Models(), "Ann", 151, List.of("a"), "US", 0.1))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("@Max(150)");
        assertThat(strict.invoke(new Models(), "Ann", 40, List.of("a"), "US", 0.1)).isEqualTo("hello Ann");
        DomainHarness api = DomainHarness.of(Models.class, "greet", "api_operations", "constraint-mode", "reject");
        Outcome o = api.call(new Models(), "Ann", 40, List.of("a"), "usa", 0.1);
        assertThat(o.thrown).isInstanceOf(InputRejectedException.class).hasMessageContaining("@Pattern");
    }
}
