package dev.poet.bench.startup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class path the child application JVMs get: only {@code dev/poet/bench/**}, copied out of benchmarks.jar.
 * benchmarks.jar also holds poet-core and its unrelocated dependencies; on the application class path those
 * classes would shadow the agent's own engine classes (the agent loads {@code dev.poet.core.*} through the
 * system class loader, where the application class path comes first), so they must not be there. The bridge
 * classes the children use ({@code Slots}, {@code ActiveMethod}) come from the bootstrap path the agent sets up.
 */
public final class AppClasspath {

    private AppClasspath() {
    }

    public static Path extract(Path target) throws IOException {
        String jar = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jar = entry;
            }
        }
        if (jar == null) {
            throw new IllegalStateException("run from benchmarks.jar (java -cp poet-bench/target/benchmarks.jar ...)");
        }
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith("dev/poet/bench/") || e.getName().contains("jmh_generated")) {
                    continue;
                }
                Path out = target.resolve(e.getName());
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        }
        return target;
    }
}
