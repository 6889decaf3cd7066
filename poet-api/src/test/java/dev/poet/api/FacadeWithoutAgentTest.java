package dev.poet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Without the agent the facade does nothing, says so, and never throws. */
class FacadeWithoutAgentTest {

    @Test
    void thereIsNoCurrentExecution() {
        assertThat(Executions.currentId()).isEmpty();
    }

    @Test
    void feedbackSaysNoAgent() {
        Map<String, Object> fields = new HashMap<String, Object>();
        fields.put("was_real_drift", false);
        FeedbackResult r = PoetFeedback.submit("k3f9q2m7x1ab-1f", "drift_validation", fields);
        assertThat(r.status()).isEqualTo(FeedbackResult.Status.NO_AGENT);
        assertThat(r.accepted()).isFalse();
        assertThat(r.feedbackId()).isNull();
        assertThat(r.message()).contains("without the POET agent");
        assertThat(PoetFeedback.submit(null, null, null).status()).isEqualTo(FeedbackResult.Status.NO_AGENT);
        assertThat(PoetFeedback.rate("k3f9q2m7x1ab-1f", "user", 4).status()).isEqualTo(FeedbackResult.Status.NO_AGENT);
    }

    @Test
    void anApplicationClassOfTheBridgesNameIsNotTakenForTheAgent() {
        // The bridge is looked for in the bootstrap loader only; this test's class path has no such class either.
        assertThat(Bridge.find(null)).isNull();
        assertThat(Bridge.get()).isNull();
        assertThat(PoetFeedback.submit(Bridge.get(), "x", "user", Collections.<String, Object>emptyMap()).status())
                .isEqualTo(FeedbackResult.Status.NO_AGENT);
    }
}
