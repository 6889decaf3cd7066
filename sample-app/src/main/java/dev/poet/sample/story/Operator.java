package dev.poet.sample.story;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The on-call engineer, scripted: she knows the ground truth and labels every drift alert — and every check that
 * stayed silent while it should have caught a drift — through {@code POST /poet/feedback}, in the payload of the
 * feedback document ({@code feedback_type: drift_validation}, {@code was_real_drift}, {@code reason},
 * {@code business_context}). Without the agent there is nobody to tell, and she only keeps count.
 */
final class Operator {

    private final String feedbackUrl;
    private int sent;
    private int refused;
    private String lastRefusal = "";

    private Operator(String feedbackUrl) {
        this.feedbackUrl = feedbackUrl;
    }

    /** An operator who labels nothing (no agent to tell). */
    static Operator silent() {
        return new Operator(null);
    }

    /** Waits (at most {@code waitMs}) for the agent's HTTP server to write its address under {@code home}. */
    static Operator forHome(Path home, long waitMs) throws InterruptedException {
        Path file = home.resolve("http.address");
        long deadline = System.currentTimeMillis() + waitMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                String base = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!base.isEmpty()) {
                    return new Operator(base.replaceAll("/+$", "") + "/poet/feedback");
                }
            } catch (IOException notYet) {
                // the server writes it once it is bound
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + file + " after " + waitMs + " ms: is poet.http.port set?");
    }

    /** Labels an alert (true or false) or a missed drift; returns whether POET accepted the label. */
    boolean label(String executionId, boolean alerted, boolean real) {
        if (feedbackUrl == null || executionId == null) {
            return false;
        }
        String reason = alerted ? (real ? "level_shift" : "seasonal_pattern") : "missed_level_shift";
        String json = "{\"execution_id\":\"" + executionId + "\",\"feedback_type\":\"drift_validation\","
                + "\"was_real_drift\":" + real + ",\"reason\":\"" + reason + "\""
                + (real ? "" : ",\"business_context\":\"daily_peak\"") + "}";
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                int status = post(json);
                if (status == 201) {
                    sent++;
                    return true;
                }
                if (status != 429 && status != 503) {
                    break;
                }
                Thread.sleep(200);
            } catch (IOException e) {
                lastRefusal = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        refused++;
        return false;
    }

    private int post(String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(feedbackUrl).openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("X-Poet-Actor", "operator:sarah");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in != null) {
            try (in) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 201) {
                    lastRefusal = status + " " + answer;
                }
            }
        }
        return status;
    }

    int sent() {
        return sent;
    }

    int refused() {
        return refused;
    }

    String lastRefusal() {
        return lastRefusal;
    }
}
