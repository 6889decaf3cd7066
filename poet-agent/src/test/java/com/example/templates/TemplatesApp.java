package com.example.templates;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A service that starts with no selected class loaded: it prints {@code ready}, then on the line {@code load}
 * loads {@link LateScorer} (first use), calls it and prints {@code called <result>}; it ends when stdin closes.
 * So a template version made current after start is the one the late class's method is generated from.
 */
public final class TemplatesApp {

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("load")) {
                System.out.println("called " + LateScorer.score("a", 2));
                System.out.flush();
            }
        }
    }
}
