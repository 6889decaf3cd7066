package com.example.operate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A service operated while it runs: each {@code call} line on standard input calls {@link #fetch}, whose first
 * attempt of every call fails with a transient I/O error, and prints how it went. With the argument {@code once}
 * it makes one call and exits.
 */
public class Operated {

    private int attempts;

    /** The first attempt of each call fails (connection reset); the second succeeds. */
    public String fetch(int call) throws IOException {
        attempts++;
        if (attempts % 2 == 1) {
            throw new SocketException("connection reset");
        }
        return "record " + call;
    }

    public static void main(String[] args) throws IOException {
        Operated service = new Operated();
        if (args.length > 0 && args[0].equals("once")) {
            call(service, 0);
            return;
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("call")) {
                call(service, n++);
            }
        }
    }

    private static void call(Operated service, int n) {
        service.attempts = 0;
        try {
            System.out.println("call " + n + " ok: " + service.fetch(n) + " after " + service.attempts + " attempts");
        } catch (IOException e) {
            System.out.println("call " + n + " failed after " + service.attempts + " attempts");
        }
        System.out.flush();
    }
}
