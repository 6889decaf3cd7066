package dev.poet.core.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import dev.poet.bridge.Call;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.engine.VersionFacts;
import dev.poet.core.events.record.ExecutionRecorder;
import dev.poet.core.events.record.MethodDirectory;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.breaker.CircuitBreakerConfig;
import dev.poet.runtime.breaker.CircuitState;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.reliability.Reliability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures read from live counters, breakers and aggregates at scrape time, written by the Prometheus client's
 * writers: values, labels, histogram buckets and both formats.
 */
class PoetMetricsTest {

    private static final String QUOTE = "com.acme.Pricing~quote~abc";
    private static final String PLAIN = "com.acme.Pricing~plain~def";

    /** An enhancement the way generated code holds its breaker: a private field. */
    static final class WithBreaker implements Enhancement {
        private final CircuitBreaker breaker;

        WithBreaker(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public Object[] perceive(Call call, Object[] args) {
            throw new AssertionError("metrics must never run generated code");
        }

        @Override
        public Object operate(Call call, Object[] args) {
            throw new AssertionError("metrics must never run generated code");
        }

        @Override
        public Object enforce(Call call, Object result) {
            throw new AssertionError("metrics must never run generated code");
        }
    }

    private final MethodStats quoteStats = new MethodStats();
    private final MethodStats plainStats = new MethodStats();
    private final CircuitBreaker breaker = CircuitBreaker.builder(QUOTE).config(CircuitBreakerConfig.builder()
            .countBasedWindow(2).minimumCalls(2).failureRateThreshold(50).waitInOpenMs(600_000).build()).build();
    private final List<EnhancedMethod> methods = new ArrayList<>();
    private final ExecutionBuffer buffer = new ExecutionBuffer(64);
    private final MethodDirectory directory = id -> id == 1
            ? new MethodDirectory.MethodInfo(QUOTE, "com.acme.Pricing.quote", "v2") : null;
    private final ExecutionRecorder recorder = new ExecutionRecorder(buffer, directory,
            new EventFactory(new EventMetadata("1.0", "test", "svc"),
                    Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC)), 0, null);
    private final GenerationCounts generations = new GenerationCounts();
    private final AtomicLong writerDropped = new AtomicLong();
    private final PoetMetrics metrics = new PoetMetrics(() -> () -> methods,
            () -> recorder, generations, buffer::dropped, writerDropped::get);

    PoetMetricsTest() {
        methods.add(new EnhancedMethod(QUOTE, "com.acme.Pricing", "quote", "v2", true, quoteStats,
                new WithBreaker(breaker)));
        methods.add(new EnhancedMethod(PLAIN, "com.acme.Pricing", "plain", "v1", false, plainStats, null));
    }

    private String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.snapshots(), EscapingScheme.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + series + " in\n" + exposition);
    }

    private static String labels(String key, String name) {
        return "{class=\"com.acme.Pricing\",method=\"" + key + "\",name=\"" + name + "\"";
    }

    @Test
    void countersAreTheMethodsExactCountersAtScrapeTime() throws IOException {
        quoteStats.calls.add(7);
        quoteStats.retries.add(3);
        quoteStats.failuresPassedThrough.add(2);
        quoteStats.deliberateFailures.add(1);
        quoteStats.ownFailures.add(1);
        quoteStats.violations.add(4);
        String first = text();
        assertThat(value(first, "poet_calls_total" + labels(QUOTE, "quote") + "}")).isEqualTo(7);
        assertThat(value(first, "poet_retries_total" + labels(QUOTE, "quote") + "}")).isEqualTo(3);
        assertThat(value(first, "poet_failures_total{class=\"com.acme.Pricing\",kind=\"original\",method=\"" + QUOTE
                + "\",name=\"quote\"}")).isEqualTo(2);
        assertThat(value(first, "poet_failures_total{class=\"com.acme.Pricing\",kind=\"deliberate\",method=\"" + QUOTE
                + "\",name=\"quote\"}"))
                .isEqualTo(1);
        assertThat(value(first, "poet_fallbacks_total" + labels(QUOTE, "quote") + "}")).isEqualTo(1);
        assertThat(value(first, "poet_violations_total" + labels(QUOTE, "quote") + "}")).isEqualTo(4);
        assertThat(value(first, "poet_calls_total" + labels(PLAIN, "plain") + "}")).isZero();
        assertThat(value(first, "poet_method_info" + labels(QUOTE, "quote") + ",state=\"active\",version=\"v2\"}"))
                .isEqualTo(1);
        assertThat(value(first, "poet_method_info" + labels(PLAIN, "plain") + ",state=\"inactive\",version=\"v1\"}"))
                .isEqualTo(1);

        quoteStats.calls.add(5);
        assertThat(value(text(), "poet_calls_total" + labels(QUOTE, "quote") + "}"))
                .as("read again on every scrape, nothing cached").isEqualTo(12);
    }

    @Test
    void breakerStateIsReadFromTheEnhancementWithoutRunningIt() throws Throwable {
        assertThat(value(text(), "poet_breaker_state" + labels(QUOTE, "quote") + ",poet_breaker_state=\"closed\"}"))
                .isEqualTo(1);
        for (int i = 0; i < 2; i++) {
            try {
                breaker.execute(() -> {
                    throw new java.io.IOException("down");
                });
            } catch (java.io.IOException expected) {
                // the attempt's own failure
            }
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        String t = text();
        assertThat(value(t, "poet_breaker_state" + labels(QUOTE, "quote") + ",poet_breaker_state=\"open\"}"))
                .isEqualTo(1);
        assertThat(value(t, "poet_breaker_state" + labels(QUOTE, "quote") + ",poet_breaker_state=\"closed\"}"))
                .isZero();
        assertThat(t).as("an inactive method and one without a breaker have no state")
                .doesNotContain("poet_breaker_state" + labels(PLAIN, "plain"));
        assertThat(breaker.state()).as("observing changed nothing").isEqualTo(CircuitState.OPEN);
    }

    /** An enhancement as the templates make it: its breaker inside the shared Reliability wiring. */
    static final class WithReliability implements Enhancement {
        private final Reliability reliability;

        WithReliability(Reliability reliability) {
            this.reliability = reliability;
        }

        @Override
        public Object[] perceive(Call call, Object[] args) {
            throw new AssertionError("metrics must never run generated code");
        }

        @Override
        public Object operate(Call call, Object[] args) {
            throw new AssertionError("metrics must never run generated code");
        }

        @Override
        public Object enforce(Call call, Object result) {
            throw new AssertionError("metrics must never run generated code");
        }
    }

    @Test
    void observingABreakerInsideReliabilityNeverAppliesNewerParameters() throws IOException {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("retries", "3");
        values.put("backoff-initial-ms", "100");
        values.put("backoff-multiplier", "2.0");
        values.put("backoff-max-ms", "2000");
        values.put("retry-budget-max-tokens", "10");
        values.put("retry-budget-token-ratio", "0.5");
        values.put("breaker-window", "20");
        values.put("breaker-min-calls", "10");
        values.put("breaker-failure-rate", "50");
        values.put("breaker-wait-ms", "30000");
        values.put("breaker-slow-call-ms", "60000");
        values.put("breaker-slow-call-rate", "100");
        ParamsRef params = new ParamsRef(Params.of(values));
        Reliability reliability = Reliability.builder(QUOTE, params, null, false, false).breaker().build();
        CircuitBreaker before = reliability.lastBreaker();
        methods.set(0, new EnhancedMethod(QUOTE, "com.acme.Pricing", "quote", "v2", true, quoteStats,
                new WithReliability(reliability)));
        params.set(Params.of(values).with("breaker-window", "40"));
        assertThat(value(text(), "poet_breaker_state" + labels(QUOTE, "quote") + ",poet_breaker_state=\"closed\"}"))
                .isEqualTo(1);
        assertThat(reliability.lastBreaker()).as("the swap waits for the next call, not for a scrape")
                .isSameAs(before);
        assertThat(reliability.breaker()).as("the next call derives it").isNotSameAs(before);
    }

    @Test
    void latencyHistogramComesFromTheRecordersAggregatesAndRepairsFromTheRecordedCalls() throws IOException {
        // 1 ms, 2 ms (precise) and one coarse call that must not reach the histogram.
        buffer.offer(1, 1, 0, 1_000_000, ExecutionRecord.SUCCESS, 1, ExecutionFlags.PRECISE_DURATION, null, -1, -1,
                null, null);
        buffer.offer(1, 2, 0, 2_000_000, ExecutionRecord.SUCCESS, 1,
                ExecutionFlags.PRECISE_DURATION | ExecutionFlags.REPAIR, null, -1, -1, null, null);
        buffer.offer(1, 3, 0, 7_000_000, ExecutionRecord.SUCCESS, 1, ExecutionFlags.REJECTED, null, -1, -1, null,
                null);
        recorder.drainTo(new ArrayList<>());
        String t = text();
        String l = labels(QUOTE, "quote");
        assertThat(value(t, "poet_call_duration_seconds_count" + l + "}")).isEqualTo(2);
        assertThat(value(t, "poet_call_duration_seconds_sum" + l + "}")).isEqualTo(0.003);
        assertThat(value(t, "poet_call_duration_seconds_bucket" + l + ",le=\"5.0E-4\"}")).isZero();
        assertThat(value(t, "poet_call_duration_seconds_bucket" + l + ",le=\"0.001\"}")).isEqualTo(1);
        assertThat(value(t, "poet_call_duration_seconds_bucket" + l + ",le=\"0.0025\"}")).isEqualTo(2);
        assertThat(value(t, "poet_call_duration_seconds_bucket" + l + ",le=\"+Inf\"}")).isEqualTo(2);
        assertThat(value(t, "poet_repairs_total" + l + "}")).isEqualTo(1);
        assertThat(value(t, "poet_rejections_total" + l + "}")).isEqualTo(1);
        assertThat(value(t, "poet_recorded_calls_total" + l + "}")).isEqualTo(3);
        MethodFigures f = metrics.figures(QUOTE).orElseThrow();
        assertThat(f.latencyCount()).isEqualTo(2);
        assertThat(f.repairs()).isEqualTo(1);
    }

    @Test
    void generationOutcomesAreCountedAsTheEnginesEventsPassThrough() throws IOException {
        List<String> passed = new ArrayList<>();
        EngineEvents counted = generations.around(new EngineEvents() {
            @Override
            public void decision(dev.poet.runtime.event.PhaseEvent event) {
            }

            @Override
            public String generationSucceeded(VersionFacts version, Map<String, Long> timings) {
                passed.add("succeeded");
                return "e1";
            }

            @Override
            public String generationFailed(VersionFacts version, String reason, String activeVersion,
                                           String causationId) {
                passed.add("failed");
                return "e2";
            }

            @Override
            public String versionActivated(VersionFacts version, boolean reused, String replaced,
                                           String causationId) {
                passed.add("activated");
                return "e3";
            }

            @Override
            public String versionRejected(VersionFacts version, String stage, String reason) {
                passed.add("rejected");
                return "e4";
            }

            @Override
            public String versionQuarantined(VersionFacts version, int failures, String phase, String reason) {
                passed.add("quarantined");
                return "e5";
            }
        });
        VersionFacts v = new VersionFacts(QUOTE, "com.acme.Pricing.quote", "v2", "template", null, null, "base", "1");
        assertThat(counted.generationSucceeded(v, Map.of())).isEqualTo("e1");
        counted.versionActivated(v, false, null, "e1");
        counted.versionActivated(v, true, null, null);
        counted.versionRejected(v, "audit", "no");
        counted.versionRejected(v, "verification", "no");
        counted.versionQuarantined(v, 5, "operate", "x");
        counted.generationFailed(v, "x", null, null);
        assertThat(passed).hasSize(7);
        String t = text();
        assertThat(value(t, "poet_generations_total{method=\"" + QUOTE + "\",outcome=\"rejected\"}")).isEqualTo(2);
        assertThat(value(t, "poet_generations_total{method=\"" + QUOTE + "\",outcome=\"reused\"}")).isEqualTo(1);
        assertThat(value(t, "poet_generations_total{method=\"" + QUOTE + "\",outcome=\"activated\"}")).isEqualTo(1);
        assertThat(metrics.figures(QUOTE).orElseThrow().generations())
                .containsEntry("succeeded", 1L).containsEntry("quarantined", 1L).containsEntry("failed", 1L);
    }

    @Test
    void dropsOfTheBufferAndTheWriterAreCounted() throws IOException {
        writerDropped.set(9);
        ExecutionBuffer full = new ExecutionBuffer(1024);
        for (int i = 0; i < 1030; i++) {
            full.offer(1, i, 0, 0, ExecutionRecord.SUCCESS, 1, 0, null, -1, -1, null, null);
        }
        PoetMetrics m = new PoetMetrics(() -> null, () -> null, generations, full::dropped, writerDropped::get);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m.snapshots(), EscapingScheme.DEFAULT);
        String t = out.toString(StandardCharsets.UTF_8);
        assertThat(value(t, "poet_events_dropped_total{source=\"execution_buffer\"}")).isEqualTo(full.dropped())
                .isPositive();
        assertThat(value(t, "poet_events_dropped_total{source=\"event_writer\"}")).isEqualTo(9);
        assertThat(m.figures()).as("no engine yet: no methods, no failure").isEmpty();
    }

    @Test
    void bothFormatsAreWellFormed() throws IOException {
        quoteStats.calls.add(3);
        String t = text();
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\""
                + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\")*\\})? [-+0-9.eE]+|[-+0-9.eE]*(NaN|Inf)");
        for (String line : t.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = sample.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, metrics.snapshots(), EscapingScheme.DEFAULT);
        String om = out.toString(StandardCharsets.UTF_8);
        assertThat(om).endsWith("# EOF\n").contains("# TYPE poet_calls counter")
                .contains("# TYPE poet_breaker_state stateset").contains("# TYPE poet_call_duration_seconds histogram")
                .contains("# UNIT poet_call_duration_seconds seconds");
    }
}
