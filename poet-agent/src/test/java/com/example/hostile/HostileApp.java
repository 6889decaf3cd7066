package com.example.hostile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import dev.poet.api.Poet;

/**
 * A small application whose one enhanced method takes a string, a number and a file. The hostile enhancement tests
 * run it with templates that try to do harm; its output must be the same as without the agent, and the file must
 * still exist.
 */
public class HostileApp {

    @Poet
    public static String work(String text, int count, File file) {
        return text.toUpperCase() + "x" + count + (file.exists() ? " (file kept)" : " (file gone)");
    }

    public static void main(String[] args) throws IOException {
        File file = File.createTempFile("poet-hostile", ".txt");
        try {
            System.out.println(work(" hello ", 1, file));
            System.out.println(work("world", 2, file));
            System.out.println(work("", 3, file));
            System.out.println("file exists: " + file.exists());
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }
}
