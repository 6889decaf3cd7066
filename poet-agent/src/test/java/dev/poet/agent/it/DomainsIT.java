package dev.poet.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.domains.DomainsApp;

import static org.assertj.core.api.Assertions.assertThat;

/** The same methods under the base domain and under their own domains, in a separate JVM with the agent. */
@ExtendWith(SuppressedErrorCheck.class)
class DomainsIT {

    private static final String APP = "com.example.domains.DomainsApp.";

    private static AgentJvm agent() {
        return AgentJvm.of(DomainsApp.class).property("poet.activation", "eager")
                .property("poet.method." + APP + "fetchOrder.backoff-initial-ms", "1")
                .property("poet.method." + APP + "submitPayment.backoff-initial-ms", "1")
                .property("poet.method." + APP + "summarize.backoff-initial-ms", "1");
    }

    @Test
    void baseIsTransparentTheDomainsAct() {
        JvmRun base = agent().run();
        JvmRun domains = agent()
                .property("poet.method." + APP + "driftReport.domain", "ml_monitoring")
                .property("poet.method." + APP + "driftReport.window-size", "20")
                .property("poet.method." + APP + "fetchOrder.domain", "api_operations")
                .property("poet.method." + APP + "submitPayment.domain", "api_operations")
                .property("poet.method." + APP + "submitPayment.error-shape", "true")
                .property("poet.method." + APP + "submitPayment.idempotent", "false")
                .property("poet.method." + APP + "riskScore.domain", "financial_risk")
                .property("poet.method." + APP + "fee.domain", "financial_risk")
                .property("poet.method." + APP + "summarize.domain", "llm_ops")
                .run();

        assertThat(base.exitCode()).as(base.toString()).isZero();
        assertThat(base.stdout()).as(base.toString())
                .contains("drift [mean] mean=NaN drift_detected=null")
                .contains("order status=202 stamped=false")
                .contains("payment failed: 503 Service Unavailable", "payment attempts=3")
                .contains("risk -14.0", "risk high 4996.0")
                .contains("fee 1.249875")
                .contains("summarize failed: 429 Too Many Requests");

        assertThat(domains.exitCode()).as(domains.toString()).isZero();
        assertThat(domains.stdout()).as(domains.toString())
                .contains("drift [data_quality, drift_detected, kl_divergence, ks_p_value, ks_statistic, mean, psi, "
                        + "reference_size, score, significant, window, window_size]")
                .contains("drift_detected=true")
                .doesNotContain("mean=NaN")
                .contains("order status=pending stamped=true")
                .contains("payment status=error error_type=java.io.IOException", "payment attempts=1")
                .contains("risk rejected: POET rejected income")
                .contains("risk high 1000.0")
                .contains("fee 1.25")
                .contains("summarize summary of report after 3 call(s)");
        assertThat(domains.counter(APP + "fetchOrder", "retries")).isEqualTo(1);
        assertThat(domains.counter(APP + "summarize", "retries")).isEqualTo(2);
    }
}
