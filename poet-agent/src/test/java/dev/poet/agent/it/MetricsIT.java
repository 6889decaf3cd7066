package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.example.metrics.MetricsApp;
import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /poet/metrics} and the method MBeans of a real application JVM under the agent: scraped over a real
 * socket in both formats, read over a real JMX connection (the attach API starts the target's local management
 * agent, as {@code jconsole} does), against the calls the application says it made. The application sets its own
 * {@code java.util.logging.manager} and {@code javax.management.builder.initial} in {@code main} and must still
 * get both. One application serves the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final int CALLS = 200;
    private static final long JMX_DELAY_MS = 3000;
    /** One sample line of the Prometheus text format: name, optional labels, a value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\.|[^\"\\\\])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\.|[^\"\\\\])*\")*\\})? (\\S+)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    @TempDir
    static Path dir;
    static RunningJvm app;
    static URI base;
    static int failures;
    static int refused;
    static String key;
    static HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = AgentJvm.of(MetricsApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.http.port", "0")
                .property("poet.jmx.delay-ms", String.valueOf(JMX_DELAY_MS))
                .args(String.valueOf(CALLS))
                .start();
        app.awaitOutput("ready", 90_000);
        String[] made = app.awaitOutput("made ", 1000).trim().split(" ");
        assertThat(Integer.parseInt(made[1])).isEqualTo(CALLS);
        failures = Integer.parseInt(made[2]);
        assertThat(failures).isEqualTo(CALLS / 5);
        String[] down = app.awaitOutput("down ", 1000).trim().split(" ");
        refused = Integer.parseInt(down[2]);
        assertThat(refused).as("the breaker opened and refused calls").isPositive();
        base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            JvmRun run = app.stop();
            SuppressedErrorCheck.verify(List.of(run));
        }
    }

    private static HttpResponse<String> scrape(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/poet/metrics")).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every line checked against the text format; the samples by series (name and labels as written). */
    private static Map<String, Double> parse(String body) {
        Map<String, Double> samples = new LinkedHashMap<>();
        assertThat(body).endsWith("\n");
        for (String line : body.split("\n")) {
            if (line.startsWith("#")) {
                assertThat(COMMENT.matcher(line).matches()).as(line).isTrue();
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: " + line).isTrue();
            String series = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            assertThat(samples.put(series, Double.parseDouble(m.group(3).replace("+Inf", "Infinity"))))
                    .as("series given once: " + series).isNull();
        }
        return samples;
    }

    private static String labels() {
        return "{class=\"" + MetricsApp.class.getName() + "\",method=\"" + key + "\",name=\"quote\"";
    }

    @Test
    @Order(1)
    void theTextFormatParsesAndCountsTheCallsTheApplicationMade() throws Exception {
        HttpResponse<String> r = scrape(null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        Map<String, Double> s = parse(r.body());
        key = s.keySet().stream().filter(n -> n.startsWith("poet_calls_total{") && n.endsWith("name=\"quote\"}"))
                .map(n -> n.replaceAll(".*method=\"([^\"]+)\".*", "$1")).findFirst().orElseThrow();
        assertThat(key).contains("MetricsApp~quote");
        String l = labels();
        assertThat(s.get("poet_calls_total" + l + "}")).isEqualTo(CALLS);
        assertThat(s.get("poet_failures_total{class=\"" + MetricsApp.class.getName() + "\",kind=\"original\",method=\""
                + key + "\",name=\"quote\"}")).isEqualTo(failures);
        assertThat(s.get("poet_retries_total" + l + "}")).as("IllegalArgumentException is not retried").isZero();
        assertThat(s.get("poet_fallbacks_total" + l + "}")).isZero();
        assertThat(s.get("poet_breaker_state" + l + ",poet_breaker_state=\"closed\"}"))
                .as("api_operations runs every attempt through a breaker").isEqualTo(1);
        assertThat(s.get("poet_breaker_state" + l + ",poet_breaker_state=\"open\"}")).isZero();
        assertThat(s.get("poet_method_info" + l + ",state=\"active\",version=\"v1\"}")).isEqualTo(1);
        assertThat(s.get("poet_generations_total{method=\"" + key + "\",outcome=\"succeeded\"}")).isEqualTo(1);
        assertThat(s.get("poet_generations_total{method=\"" + key + "\",outcome=\"activated\"}")).isEqualTo(1);
        assertThat(s.get("poet_events_dropped_total{source=\"execution_buffer\"}")).isZero();
        assertThat(s.get("poet_events_dropped_total{source=\"event_writer\"}")).isZero();
    }

    @Test
    @Order(2)
    void anOpenBreakerAndTheCallsItRefusedAreShown() throws Exception {
        Map<String, Double> s = parse(scrape(null).body());
        String series = s.keySet().stream().filter(n -> n.startsWith("poet_breaker_state{")
                && n.contains("MetricsApp~down~")
                && n.endsWith("poet_breaker_state=\"open\"}")).findFirst().orElseThrow();
        assertThat(s.get(series)).isEqualTo(1);
        String l = series.substring("poet_breaker_state".length(), series.indexOf(",poet_breaker_state="));
        assertThat(s.get("poet_calls_total" + l + "}"))
                .isEqualTo(MetricsApp.DOWN_CALLS);
        String method = l.replaceAll(".*method=\"([^\"]+)\".*", "$1");
        String cls = MetricsApp.class.getName();
        assertThat(s.get("poet_failures_total{class=\"" + cls + "\",kind=\"deliberate\",method=\"" + method
                + "\",name=\"down\"}")).as("refused by the breaker").isEqualTo(refused);
        assertThat(s.get("poet_failures_total{class=\"" + cls + "\",kind=\"original\",method=\"" + method
                + "\",name=\"down\"}")).isEqualTo(MetricsApp.DOWN_CALLS - refused);
        assertThat(s.get("poet_retries_total" + l + "}")).as("IOException is retried while the budget lasts")
                .isPositive();
    }

    @Test
    @Order(3)
    void theLatencyHistogramIsCumulativeAndEndsAtItsCount() throws Exception {
        Map<String, Double> s = parse(scrape(null).body());
        String prefix = "poet_call_duration_seconds_bucket" + labels() + ",le=\"";
        double previous = 0;
        int buckets = 0;
        for (Map.Entry<String, Double> e : s.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                assertThat(e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(previous);
                previous = e.getValue();
                buckets++;
            }
        }
        assertThat(buckets).isEqualTo(17);
        Double count = s.get("poet_call_duration_seconds_count" + labels() + "}");
        assertThat(s.get(prefix + "+Inf\"}")).isEqualTo(count);
        // One call in 16 is timed precisely; the recorder drains every batch window.
        assertThat(count).isBetween(1.0, (double) CALLS);
        assertThat(s.get("poet_call_duration_seconds_sum" + labels() + "}")).isPositive();
    }

    @Test
    @Order(4)
    void openMetricsIsServedWhenAskedForAndEndsWithEof() throws Exception {
        HttpResponse<String> r = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
        assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE poet_calls counter")
                .contains("# TYPE poet_breaker_state stateset").contains("# UNIT poet_call_duration_seconds seconds")
                .contains("poet_calls_total" + labels() + "} " + CALLS);
        assertThat(scrape("text/plain").body()).doesNotContain("# EOF");
    }

    @Test
    @Order(5)
    void theApplicationGotItsOwnLoggingManagerAndMBeanServerBuilder() {
        assertThat(app.stdout()).contains("logmanager " + MetricsApp.AppLogManager.class.getName())
                .contains("builder-used true");
    }

    @Test
    @Order(6)
    void eachMethodHasAnMBeanWithTheScrapedFiguresAndLaterMethodsGetOneToo() throws Exception {
        Map<String, Double> scraped = parse(scrape(null).body());
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection c = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName("dev.poet:type=Method,name=" + key);
            awaitRegistered(c, name);
            assertThat(c.getAttribute(name, "Calls")).isEqualTo((long) CALLS)
                    .isEqualTo(scraped.get("poet_calls_total" + labels() + "}").longValue());
            assertThat(c.getAttribute(name, "Failures")).isEqualTo((long) failures);
            assertThat(c.getAttribute(name, "Retries")).isEqualTo(0L);
            assertThat(c.getAttribute(name, "BreakerState")).isEqualTo("closed");
            assertThat(c.getAttribute(name, "State")).isEqualTo("active");
            assertThat(c.getAttribute(name, "Version")).isEqualTo("v1");
            assertThat(c.getAttribute(name, "GenerationsSucceeded")).isEqualTo(1L);
            assertThat(c.getAttribute(name, "LatencyCount")).isEqualTo(
                    scrapedNow("poet_call_duration_seconds_count" + labels() + "}").longValue());

            Set<ObjectName> before = c.queryNames(new ObjectName("dev.poet:type=Method,*"), null);
            assertThat(before).as("only methods that exist get a bean").hasSize(2);
            app.send("late");
            app.awaitOutput("late-done", 90_000);
            ObjectName late = awaitNewBean(c, before);
            assertThat(late.getKeyProperty("name")).contains("MetricsApp-Late~late");
            assertThat(c.getAttribute(late, "Calls")).isEqualTo(1L);
        }
    }

    private static Double scrapedNow(String series) throws Exception {
        return parse(scrape(null).body()).get(series);
    }

    private static void awaitRegistered(MBeanServerConnection c, ObjectName name) throws Exception {
        long end = System.currentTimeMillis() + JMX_DELAY_MS + 30_000;
        while (!c.isRegistered(name)) {
            assertThat(System.currentTimeMillis()).as(name + " registered").isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static ObjectName awaitNewBean(MBeanServerConnection c, Set<ObjectName> before) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            for (ObjectName n : c.queryNames(new ObjectName("dev.poet:type=Method,*"), null)) {
                if (!before.contains(n)) {
                    return n;
                }
            }
            assertThat(System.currentTimeMillis()).as("a bean for the later method").isLessThan(end);
            Thread.sleep(100);
        }
    }
}
