package dev.poet.agent.boot;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The agent's entry point. Compiled for Java 8 so that any JVM can load it: on a JVM older than 17 it prints one
 * line and returns, leaving the application untouched. On 17 and later it puts the bridge on the bootstrap class
 * path and hands over to the installer. It catches everything: a failure to start never breaks the application.
 */
public final class PoetAgent {

    static final int MINIMUM_JAVA = 17;
    private static final String BRIDGE = "poet-bridge.jar.bin";
    private static final String INSTALLER = "dev.poet.agent.install.AgentInstaller";
    private static final String CLI = "dev.poet.agent.cli.PoetCli";

    private PoetAgent() {
    }

    /** {@code -javaagent:poet-agent.jar[=options]}. */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, false, System.getProperty("java.specification.version"), System.err);
    }

    /** Attached to a running JVM. */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, true, System.getProperty("java.specification.version"), System.err);
    }

    /**
     * {@code java -jar poet-agent.jar [command ...]}: without arguments says how to use the agent; with a command
     * ({@code status}, {@code events ...}) runs the command line, which needs Java 17 like the rest of the agent.
     */
    public static void main(String[] args) {
        if (args == null || args.length == 0) {
            System.out.println("POET agent: start your application with -javaagent:poet-agent.jar[=config=FILE]");
            System.out.println("  see and change what it did: java -jar poet-agent.jar status | versions | show | diff"
                    + " | rollback | approve | reject | params | enable | disable | selection | events");
            System.out.println("  every command: java -jar poet-agent.jar --help");
            return;
        }
        int code = runCli(args, System.getProperty("java.specification.version"), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Hands {@code args} to the Java 17 command line by name; returns its exit code. */
    static int runCli(String[] args, String javaVersion, PrintStream out, PrintStream err) {
        try {
            if (majorVersion(javaVersion) < MINIMUM_JAVA) {
                err.println("poet: the command line needs Java " + MINIMUM_JAVA + " or later, this JVM is " + javaVersion);
                return 1;
            }
            Class<?> cli = Class.forName(CLI, true, cliLoader());
            Method run = cli.getMethod("run", String[].class, PrintStream.class, PrintStream.class);
            return ((Integer) run.invoke(null, args, out, err)).intValue();
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            err.println("poet: the command line could not start: " + cause);
            return 1;
        }
    }

    /**
     * Run from the agent jar, the bridge classes the engine refers to are only inside the nested bridge jar, so the
     * command line gets a loader over both jars (and the JDK's platform classes, not the application class path).
     * Run from a class folder (tests), everything is already on the class path.
     */
    private static ClassLoader cliLoader() throws IOException {
        java.net.URL location = PoetAgent.class.getProtectionDomain().getCodeSource().getLocation();
        File agentJar = new File(java.net.URI.create(location.toString()));
        if (!agentJar.isFile()) {
            return PoetAgent.class.getClassLoader();
        }
        java.net.URL[] urls = {agentJar.toURI().toURL(), bridgeJar().toURI().toURL()};
        return new java.net.URLClassLoader(urls, ClassLoader.getSystemClassLoader().getParent());
    }

    static boolean start(String agentArgs, Instrumentation instrumentation, boolean attached, String javaVersion,
                         PrintStream err) {
        try {
            int major = majorVersion(javaVersion);
            if (major < MINIMUM_JAVA) {
                err.println("[poet] WARN POET needs Java " + MINIMUM_JAVA + " or later, this JVM is " + javaVersion
                        + ": the application runs without it");
                return false;
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar()));
            Class<?> installer = Class.forName(INSTALLER, true, PoetAgent.class.getClassLoader());
            Method install = installer.getMethod("install", String.class, Instrumentation.class, boolean.class);
            install.invoke(null, agentArgs, instrumentation, attached);
            return true;
        } catch (Throwable t) {
            err.println("[poet] ERROR agent not started, the application runs without it: " + t);
            return false;
        }
    }

    static int majorVersion(String specification) {
        if (specification == null) {
            return 0;
        }
        String v = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /**
     * The bridge jar travels inside the agent jar; the JVM can only append a file to the bootstrap path, so it is
     * copied once to the temporary directory under a name that identifies its content.
     */
    private static File bridgeJar() throws IOException {
        byte[] bytes = readBridge();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        File dir = new File(System.getProperty("java.io.tmpdir"));
        File target = new File(dir, "poet-bridge-" + Long.toHexString(crc.getValue()) + "-" + bytes.length + ".jar");
        if (target.isFile() && target.length() == bytes.length) {
            return target;
        }
        File temp = File.createTempFile("poet-bridge", ".tmp", dir);
        OutputStream out = new FileOutputStream(temp);
        try {
            out.write(bytes);
            out.flush();
        } finally {
            out.close();
        }
        if (!temp.renameTo(target) && !(target.isFile() && target.length() == bytes.length)) {
            temp.delete();
            throw new IOException("cannot write " + target);
        }
        temp.delete();
        return target;
    }

    private static byte[] readBridge() throws IOException {
        InputStream in = PoetAgent.class.getResourceAsStream(BRIDGE);
        if (in == null) {
            throw new IOException(BRIDGE + " is missing from the agent jar");
        }
        try {
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        } finally {
            in.close();
        }
    }
}
