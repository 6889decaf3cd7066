package com.example.app;

import java.io.IOException;

/** A small application method for prompt and check tests (outside dev.poet, like a user's code). */
public class Greeter {

    private int greeted;

    public String greet(String name, int times) throws IOException {
        if (times < 0) {
            throw new IllegalArgumentException("times < 0");
        }
        greeted++;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < times; i++) {
            sb.append("hello ").append(name);
        }
        return sb.toString();
    }
}
