package com.example.domains;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.api.Poet;

/**
 * One method per domain; each run prints what the caller sees. The ITs run it with every method on {@code base}
 * and with each method on its own domain.
 */
public class DomainsApp {

    private int calls;

    @Poet
    public Map<String, Object> driftReport(double[] series) {
        double sum = 0;
        for (double v : series) {
            sum += v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", sum / series.length);
        return m;
    }

    @Poet
    public Map<String, Object> fetchOrder(String id) throws IOException {
        calls++;
        if (calls % 2 == 1) {
            throw new IOException("connection reset");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "202");
        return m;
    }

    @Poet
    public Map<String, Object> submitPayment(String id) throws IOException {
        calls++;
        throw new IOException("503 Service Unavailable");
    }

    @Poet
    public double riskScore(double income, double rate) {
        return income / 10 - rate;
    }

    @Poet
    public BigDecimal fee(BigDecimal amount) {
        return amount.multiply(new BigDecimal("0.0125"), MathContext.DECIMAL64);
    }

    @Poet
    public String summarize(String prompt) {
        calls++;
        if (calls % 3 == 1) {
            throw new IllegalStateException("429 Too Many Requests");
        }
        if (calls % 3 == 2) {
            return "";
        }
        return "summary of " + prompt;
    }

    public static void main(String[] args) {
        DomainsApp app = new DomainsApp();
        double[] series = new double[120];
        for (int i = 0; i < series.length; i++) {
            series[i] = (i % 10) + (i >= 100 ? 20 : 0);
        }
        series[7] = Double.NaN;
        Map<String, Object> drift = app.driftReport(series);
        System.out.println("drift " + new TreeMap<>(drift).keySet() + " mean=" + drift.get("mean")
                + " drift_detected=" + drift.get("drift_detected"));
        app.calls = 0;
        try {
            Map<String, Object> order = app.fetchOrder("o-1");
            System.out.println("order status=" + order.get("status") + " stamped=" + order.containsKey("execution_id"));
        } catch (IOException e) {
            System.out.println("order failed: " + e.getMessage());
        }
        app.calls = 0;
        try {
            Map<String, Object> payment = app.submitPayment("p-1");
            System.out.println("payment status=" + payment.get("status") + " error_type=" + payment.get("error_type"));
        } catch (IOException e) {
            System.out.println("payment failed: " + e.getMessage());
        }
        System.out.println("payment attempts=" + app.calls);
        try {
            System.out.println("risk " + app.riskScore(-100, 4));
        } catch (IllegalArgumentException e) {
            System.out.println("risk rejected: " + e.getMessage());
        }
        System.out.println("risk high " + app.riskScore(50_000, 4));
        System.out.println("fee " + app.fee(new BigDecimal("99.99")));
        app.calls = 0;
        try {
            System.out.println("summarize " + app.summarize("report") + " after " + app.calls + " call(s)");
        } catch (IllegalStateException e) {
            System.out.println("summarize failed: " + e.getMessage());
        }
    }
}
