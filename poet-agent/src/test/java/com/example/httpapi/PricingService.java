package com.example.httpapi;

import java.io.BufferedReader;
import java.io.InputStreamReader;

import dev.poet.api.Executions;

/**
 * A service selected by {@code poet.methods.include}, driven over stdin so a test decides when it calls. Modes:
 * {@code once} calls {@link #quote} until it runs enhanced and exits; {@code serve} does the same, prints
 * {@code ready}, then answers each stdin line {@code call} with {@code quote <result> <enhanced|original>} until stdin
 * closes.
 */
public final class PricingService {

    private static final ThreadLocal<Boolean> ENHANCED = new ThreadLocal<>();

    public int quote(int units) {
        ENHANCED.set(Executions.currentId().isPresent());
        return units * 7;
    }

    public static void main(String[] args) throws Exception {
        PricingService service = new PricingService();
        for (int i = 0; i < 6000; i++) {
            service.quote(i);
            if (Boolean.TRUE.equals(ENHANCED.get())) {
                break;
            }
            Thread.sleep(10);
        }
        if (args[0].equals("once")) {
            System.out.println("enhanced " + ENHANCED.get());
            return;
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.trim().equals("call")) {
                int result = service.quote(6);
                System.out.println("quote " + result + " " + (ENHANCED.get() ? "enhanced" : "original"));
            }
        }
    }
}
