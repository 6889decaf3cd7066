package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import com.example.dashboard.DashboardApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium, against a real application under the agent:
 * what it renders equals {@code GET /poet/methods}, markup in a method's last error shows as text and never runs,
 * latency is charted from {@code GET /poet/timeline}, and a version waiting for review is approved by clicking. The first run of the application makes
 * {@code v1} of both methods; the second runs with {@code poet.review=manual} and a changed setting for
 * {@code lookup}, so its {@code v2} waits while {@code v1} runs. Saves {@code target/dashboard.png}.
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the class is skipped, saying so; under
 * {@code CI=true} that is a failure ({@code .ci/run} installs both).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final String TOKEN = "dash-it-7c2e";
    private static final String LOOKUP_SETTING = "poet.method.com.example.dashboard.DashboardApp.lookup.retries";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static RunningJvm app;
    static URI base;
    static ChromeDriver browser;
    static String quoteKey;
    static String lookupKey;
    static Path templates;

    /**
     * An enhancement that passes everything through, and fails in its own code, with markup as the message, on the
     * one result no loop of the application produces: the engine then reports that as the method's last error.
     */
    private static Path hostileTemplate() {
        String message = DashboardApp.HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"");
        return TemplateFolder.withPhases("return args;", "return call.proceed(args);",
                "if (Integer.valueOf(" + DashboardApp.HOSTILE_INPUT * 3 + ").equals(result)) { throw new "
                        + "IllegalStateException(\"" + message + "\"); } return result;");
    }

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(CHROMIUM + " and " + CHROMEDRIVER + " (required under CI; .ci/run installs them"
                    + " with apt-get install chromium chromium-driver)").isTrue();
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " or " + CHROMEDRIVER
                + ": the dashboard's browser test is skipped (apt-get install chromium chromium-driver)");

        templates = hostileTemplate();
        JvmRun first = AgentJvm.of(DashboardApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.templates.dir", templates.toString())
                .args("20").start().stop();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        SuppressedErrorCheck.verify(List.of(first));

        app = AgentJvm.of(DashboardApp.class).workDir(dir)
                .property("poet.activation", "eager")
                .property("poet.templates.dir", templates.toString())
                .property("poet.review", "manual")
                .property(LOOKUP_SETTING, "4")
                .property("poet.http.port", "0")
                .property("poet.http.token", TOKEN)
                .property("poet.operate.poll-ms", "200")
                .args("200")
                .start();
        app.awaitOutput("ready", 90_000);
        base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1500, 1100));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            JvmRun run = app.stop();
            // The one error provoked on purpose: the enhancement's failure on the hostile input.
            assertThat(run.suppressedErrors()).as(run.toString()).allMatch(line -> line.contains("DashboardApp.quote")
                    && line.contains("enforce failed") && line.contains(DashboardApp.HOSTILE));
        }
    }

    @Test
    @Order(1)
    void thePageLoadsInTheBrowserAndChartsLatencyOverTime() throws Exception {
        browser.get(base.resolve("/poet/").toString());
        assertThat(browser.getTitle()).isEqualTo("POET dashboard");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("save-token")).click();
        assertThat(browser.findElement(By.id("token-state")).getText()).isEqualTo("token set for this tab");
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('poet.dashboard.token')"))
                .isEqualTo(TOKEN);
        // A second batch after the timeline's next sample gives the chart two windows with timed calls.
        String quote = timelineKey("quote");
        awaitPage(() -> timedSamples(quote) >= 1, "a timed sample of quote in /poet/timeline");
        app.send("call 400");
        app.awaitOutput("called 400", 60_000);
        awaitPage(() -> timedSamples(quote) >= 2, "two timed samples of quote in /poet/timeline");
        By line = By.cssSelector(".card[data-key='" + quote + "'] polyline[data-series='p99_ms']");
        awaitPage(() -> !browser.findElements(line).isEmpty()
                && browser.findElement(line).getAttribute("points").split(" ").length >= 2, "quote's p99 line");
        for (String series : List.of("p50_ms", "p90_ms")) {
            assertThat(browser.findElements(By.cssSelector(".card[data-key='" + quote + "'] polyline[data-series='"
                    + series + "']"))).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void theRenderedNumbersAreTheApisAndMarkupInAnErrorShowsAsText() throws Exception {
        app.send("hostile");
        app.awaitOutput("hostile called", 30_000);
        JsonNode methods = awaitMethods(m -> m.size() >= 2 && live(m, "quote") != null
                && live(m, "quote").get("calls").asLong() > 0 && live(m, "quote").path("last_error").isTextual());
        quoteKey = key(methods, "quote");
        lookupKey = key(methods, "lookup");
        awaitPage(() -> !browser.findElements(By.cssSelector("#method-rows tr[data-key='" + quoteKey + "']")).isEmpty(),
                "the methods table lists " + quoteKey);

        // The page shows what the API said at its last refresh; the two agree once neither moves (the application
        // makes no calls now, but an activation may still be finishing).
        for (String key : List.of(quoteKey, lookupKey)) {
            awaitPage(() -> expected(methodsNow(), key).equals(rendered(key)),
                    key + "'s version, state, calls, success rate and retries as GET /poet/methods has them");
        }
        JsonNode api = awaitMethods(m -> true);
        assertThat(byKey(api, quoteKey).get("live").get("failures").asLong()).as("quote fails every fifth call")
                .isPositive();

        String lastError = byKey(api, quoteKey).get("live").get("last_error").asText();
        assertThat(lastError).contains(DashboardApp.HOSTILE);
        awaitPage(() -> lastError.equals(field(quoteKey, "last_error")), "quote's last error as the API has it");
        assertThat(browser.findElements(By.cssSelector("#method-rows img, #method-rows script, main img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__poetXss === undefined"))
                .as("nothing from the application's text ran").isEqualTo(Boolean.TRUE);
    }

    @Test
    @Order(3)
    void aVersionWaitingForReviewIsApprovedByClicking() throws Exception {
        lookupKey = key(awaitMethods(m -> true), "lookup");
        JsonNode before = byKey(awaitMethods(m -> true), lookupKey);
        assertThat(before.get("awaiting_review")).as(before.toString()).hasSize(1);
        String waiting = before.get("awaiting_review").get(0).asText();
        assertThat(before.get("active_version").asText()).as("the earlier version runs meanwhile")
                .isNotEqualTo(waiting);

        By approve = By.cssSelector("#review-rows tr[data-key='" + lookupKey + "'][data-version='" + waiting
                + "'] button[data-action='approve']");
        awaitPage(() -> {
            List<WebElement> button = browser.findElements(approve);
            if (button.isEmpty()) {
                return false;
            }
            button.get(0).click();
            return true;
        }, "an Approve button for " + waiting + " that takes a click");

        JsonNode after = byKey(awaitMethods(m -> waiting.equals(byKey(m, lookupKey).path("active_version").asText())
                && byKey(m, lookupKey).get("awaiting_review").isEmpty()), lookupKey);
        assertThat(after.get("state").asText()).isEqualTo("active");
        awaitPage(() -> waiting.equals(field(lookupKey, "version")), "the page shows " + waiting + " active");
        assertThat(browser.findElement(By.id("review-result")).getText()).contains(waiting);
        awaitPage(() -> browser.findElements(By.cssSelector("#review-rows tr[data-key='" + lookupKey + "']")).isEmpty(),
                "nothing of lookup waits any more");
    }

    @Test
    @Order(4)
    void aScreenshotIsSaved() throws Exception {
        Path shot = Paths.get("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /** The key of the method {@code name} as the timeline knows it, once it does. */
    private static String timelineKey(String name) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            for (JsonNode m : get("/poet/timeline").get("methods")) {
                if (m.get("key").asText().contains("DashboardApp~" + name + "~")) {
                    return m.get("key").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + name + " in /poet/timeline\n" + app);
    }

    /** What the page shows of a method: version, state, calls, success rate, retries. */
    private static List<String> rendered(String key) {
        return java.util.Arrays.asList(field(key, "version"), field(key, "state"), field(key, "calls"),
                field(key, "success"), field(key, "retries"));
    }

    /** What the page must show of a method, from the API's answer. */
    private static List<String> expected(JsonNode methods, String key) {
        JsonNode m = byKey(methods, key);
        JsonNode version = m.get("active_version");
        JsonNode live = m.get("live");
        return java.util.Arrays.asList(version == null || version.isNull() ? "–" : version.asText(),
                m.get("state").asText(), live.get("calls").asText(), successRate(live), live.get("retries").asText());
    }

    private static JsonNode methodsNow() {
        try {
            return get("/poet/methods").get("methods");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The page's success rate for a method's live figures, computed as the page says it does. */
    private static String successRate(JsonNode live) {
        long calls = live.get("calls").asLong();
        if (calls == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%%", (calls - live.get("failures").asLong()) * 100.0 / calls);
    }

    /**
     * A cell's text, read in one step in the page: the table is rebuilt at every refresh, so an element found
     * first and read later may be gone.
     */
    private static String field(String key, String name) {
        Object text = ((JavascriptExecutor) browser).executeScript("var e = document.querySelector(arguments[0]);"
                + " return e ? e.textContent : null;", "#method-rows tr[data-key='" + key + "'] td[data-field='"
                + name + "']");
        return text == null ? null : text.toString();
    }

    private static long timedSamples(String key) {
        try {
            JsonNode t = get("/poet/timeline?method=" + key);
            long n = 0;
            for (JsonNode s : t.get("methods").get(0).get("samples")) {
                n += s.get("window_timed").asLong() > 0 ? 1 : 0;
            }
            return n;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode live(JsonNode methods, String name) {
        for (JsonNode m : methods) {
            if (m.get("key").asText().contains("~" + name + "~")) {
                JsonNode live = m.get("live");
                return live == null || live.isNull() ? null : live;
            }
        }
        return null;
    }

    private static String key(JsonNode methods, String name) {
        for (JsonNode m : methods) {
            if (m.get("key").asText().contains("DashboardApp~" + name + "~")) {
                return m.get("key").asText();
            }
        }
        throw new AssertionError("no method " + name + " in " + methods);
    }

    private static JsonNode byKey(JsonNode methods, String key) {
        for (JsonNode m : methods) {
            if (m.get("key").asText().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no " + key + " in " + methods);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** {@code GET /poet/methods}'s list once {@code test} accepts it. */
    private static JsonNode awaitMethods(java.util.function.Predicate<JsonNode> test) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < end) {
            last = get("/poet/methods").get("methods");
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET /poet/methods never got there; last: " + last + "\n" + app);
    }

    private static void awaitPage(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (StaleElementReferenceException rebuilt) {
                // The page rebuilt what the condition looked at; look again.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dashboard never showed " + what + "; status: "
                + browser.findElement(By.id("status")).getText());
    }
}
