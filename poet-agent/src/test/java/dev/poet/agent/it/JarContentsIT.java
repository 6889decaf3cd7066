package dev.poet.agent.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent jar holds only our package prefix and META-INF, with the bridge nested for the bootstrap path. */
class JarContentsIT {

    private static List<String> entries(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }

    @Test
    void onlyOurPackagePrefixAndMetaInf() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            List<String> outside = new ArrayList<>();
            for (String name : entries(jar)) {
                if (!name.startsWith("dev/poet/") && !name.startsWith("META-INF/") && !name.equals("dev/")) {
                    outside.add(name);
                }
            }
            assertThat(outside).isEmpty();
            assertThat(entries(jar)).noneMatch(n -> n.endsWith("module-info.class"))
                    .noneMatch(n -> n.startsWith("META-INF/versions/"))
                    .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"))
                    .noneMatch(n -> n.startsWith("dev/poet/api/"))
                    .noneMatch(n -> n.startsWith("dev/poet/core/") || n.startsWith("dev/poet/llm/"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/core/engine/"))
                    .noneMatch(n -> n.startsWith("dev/poet/bridge/") || n.startsWith("dev/poet/runtime/"))
                    // One ASM: the weaver uses the engine's (relocated) ASM, so of Byte Buddy only the attach
                    // command's library ships, relocated.
                    .noneMatch(n -> (n.startsWith("dev/poet/shaded/bytebuddy/") || n.contains("bytebuddy"))
                            && !n.startsWith("dev/poet/shaded/bytebuddy/agent/")
                            && !n.equals("dev/poet/shaded/bytebuddy/"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/bytebuddy/agent/ByteBuddyAgent"))
                    .noneMatch(n -> n.startsWith("win32-"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/codehaus/janino/"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/asm/"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/jackson/"))
                    // The event store's MVStore, relocated like every library we ship.
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/h2/mvstore/"))
                    // The Prometheus client's text writers and model behind /poet/metrics; never its protobuf writer.
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/prometheus/metrics/expositionformats/"))
                    .anyMatch(n -> n.startsWith("dev/poet/shaded/prometheus/metrics/model/snapshots/"))
                    .noneMatch(n -> n.contains("com/google/protobuf") || n.contains("/shaded/protobuf"))
                    .anyMatch(n -> n.startsWith("dev/poet/templates/base/"))
                    // No dependency ships unused: Caffeine (and what it brought) returns when something needs it.
                    .noneMatch(n -> n.startsWith("dev/poet/shaded/caffeine/"))
                    .noneMatch(n -> n.startsWith("dev/poet/shaded/jspecify/"))
                    .noneMatch(n -> n.startsWith("dev/poet/shaded/errorprone/"));
        }
    }

    @Test
    void manifestNamesTheEntryPoints() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Premain-Class")).isEqualTo("dev.poet.agent.boot.PoetAgent");
            assertThat(manifest.getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.poet.agent.boot.PoetAgent");
            assertThat(manifest.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(manifest.getMainAttributes().getValue("Multi-Release")).isNull();
        }
    }

    @Test
    void entryClassRunsOnJava8() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile());
             DataInputStream in = new DataInputStream(jar.getInputStream(jar.getEntry("dev/poet/agent/boot/PoetAgent.class")))) {
            assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort();
            assertThat(in.readUnsignedShort()).as("class file major version").isEqualTo(52);
        }
    }

    @Test
    void nestedBridgeHoldsOnlyTheBridgeAndThePhaseRuntime() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile());
             InputStream nested = jar.getInputStream(jar.getEntry("dev/poet/agent/boot/poet-bridge.jar.bin"));
             JarInputStream bridge = new JarInputStream(nested)) {
            List<String> names = new ArrayList<>();
            for (JarEntry entry = bridge.getNextJarEntry(); entry != null; entry = bridge.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
            assertThat(names).contains("dev/poet/bridge/Dispatcher.class", "dev/poet/runtime/retry/Retry.class")
                    .allMatch(n -> n.startsWith("dev/poet/bridge/") || n.startsWith("dev/poet/runtime/")
                            || n.startsWith("META-INF/"));
        }
    }
}
