package com.example.domains;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Legacy-style methods of every domain, for the in-process domain tests. */
public class Models {

    public int attempts;
    public String lastPrompt;

    // ml_monitoring

    public Map<String, Object> drift(double[] series) {
        double sum = 0;
        for (double v : series) {
            sum += v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", sum / series.length);
        return m;
    }

    public Map<String, Object> compare(List<Number> reference, List<Number> current) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", reference.size() + current.size());
        m.put("score", 7.5);
        return m;
    }

    public double anomalyScore(double[] xs) {
        return xs.length == 0 ? 0 : Math.abs(xs[xs.length - 1]);
    }

    // api_operations

    public Map<String, Object> getOrder(String id) throws IOException {
        attempts++;
        if (attempts % 2 == 1) {
            throw new IOException("connection reset");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "200");
        return m;
    }

    public Map<String, Object> createOrder(String id) throws IOException {
        attempts++;
        if (attempts % 2 == 1) {
            throw new IOException("connection reset");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "queued");
        return m;
    }

    public Map<String, Object> unavailable(String id) throws IOException {
        attempts++;
        throw new IOException("503 Service Unavailable, retry after 30 ms");
    }

    // financial_risk

    public double creditScore(double income, double rate) {
        return income / 10 - rate;
    }

    public BigDecimal monthlyPayment(BigDecimal principal, double interestRate) {
        return principal.multiply(BigDecimal.valueOf(1 + interestRate / 100)).divide(BigDecimal.valueOf(12),
                MathContext.DECIMAL64);
    }

    // llm_ops

    public String complete(String prompt) {
        attempts++;
        lastPrompt = prompt;
        if (attempts == 1) {
            throw new IllegalStateException("HTTP 429 Too Many Requests");
        }
        if (attempts == 2) {
            return "  ";
        }
        return "answer to " + prompt;
    }

    public String slowComplete(String prompt) throws IOException {
        attempts++;
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return "slow answer";
    }

    // constraints

    @NotNull
    public String greet(@NotBlank String name, @Min(0) @Max(150) int age, @Size(min = 1, max = 3) List<String> tags,
                        @Pattern(regexp = "[A-Z]{2}") String country, @DecimalMax("0.5") double share) {
        return "age".equals(name) ? null : "hello " + name;
    }
}
