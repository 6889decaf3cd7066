package com.example.live.billing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import dev.poet.api.Poet;

/**
 * A running service for selection changes and attach: {@code fetch} fails on every odd attempt and is selected
 * (or not) from outside only; {@code total} fails the same way and carries {@code @Poet}, so it stays selected
 * whatever the selection says. Reads commands from stdin, one a line, and exits when stdin closes:
 * {@code fetch N TAG} / {@code total N TAG} call the method N times and print {@code TAG ok=.. failed=..}.
 */
public class Invoices {

    private int fetchAttempts;
    private int totalAttempts;

    public String fetch(String id) throws IOException {
        fetchAttempts++;
        if (fetchAttempts % 2 == 1) {
            throw new IOException("connection reset (attempt " + fetchAttempts + ")");
        }
        return "invoice " + id;
    }

    @Poet
    public int total(int cents) throws IOException {
        totalAttempts++;
        if (totalAttempts % 2 == 1) {
            throw new IOException("ledger busy (attempt " + totalAttempts + ")");
        }
        return cents;
    }

    public static void main(String[] args) throws Exception {
        Invoices invoices = new Invoices();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            if (words.length != 3) {
                continue;
            }
            int n = Integer.parseInt(words[1]);
            int ok = 0;
            int failed = 0;
            for (int i = 0; i < n; i++) {
                try {
                    if (words[0].equals("fetch")) {
                        invoices.fetch("i" + i);
                    } else {
                        invoices.total(i);
                    }
                    ok++;
                } catch (IOException e) {
                    failed++;
                }
            }
            System.out.println(words[2] + " ok=" + ok + " failed=" + failed);
        }
    }
}
