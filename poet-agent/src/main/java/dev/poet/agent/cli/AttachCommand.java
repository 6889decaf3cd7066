package dev.poet.agent.cli;

import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code attach <pid> [config=FILE]}: loads this agent jar into a JVM that is already running (one started without
 * {@code -javaagent}), through Byte Buddy's attach support. There the agent starts as at launch, reading its
 * configuration ({@code FILE}, else the usual places relative to that JVM's working directory), and retransforms
 * the selected classes it finds already loaded.
 */
final class AttachCommand {

    static final String USAGE = String.join("\n",
            "usage: java -jar poet-agent.jar attach <pid> [config=FILE]",
            "",
            "Loads POET into the running JVM with process id <pid> (same user, a JDK with the attach API), which",
            "then enhances its selected methods, including those of classes already loaded. What it selected and",
            "any configuration problem are logged by that JVM (its standard error), not here.",
            "  config=FILE  the agent.properties to use (default: as at launch, e.g. ./agent.properties of that",
            "               JVM's working directory)",
            "Exit codes: 0 loaded, 1 the JVM could not be attached to (the reason is printed), 2 bad arguments.");

    /** Attaches {@code agentJar} to process {@code pid} with the agent argument; throws with the reason. */
    interface Attacher {
        void attach(File agentJar, String pid, String argument) throws Exception;
    }

    static final Attacher BYTE_BUDDY = (agentJar, pid, argument) -> ByteBuddyAgent.attach(agentJar, pid, argument);

    private final Attacher attacher;
    private final File agentJar;

    AttachCommand(Attacher attacher, File agentJar) {
        this.attacher = attacher;
        this.agentJar = agentJar;
    }

    /** The jar this class was loaded from, or null when it runs from a class folder. */
    static File ownJar() {
        try {
            File file = new File(URI.create(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation()
                    .toString()));
            return file.isFile() ? file : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (args.isEmpty()) {
            return usage(err, "no process id given");
        }
        String pid = args.get(0);
        if (!pid.matches("[0-9]{1,19}")) {
            return usage(err, "the process id must be a number, got '" + pid + "'");
        }
        String argument = "";
        for (String arg : args.subList(1, args.size())) {
            if (!arg.startsWith("config=") || !argument.isEmpty()) {
                return usage(err, "unexpected argument '" + arg + "'");
            }
            String name = arg.substring("config=".length());
            if (name.isEmpty()) {
                return usage(err, "config= needs a file");
            }
            // The other JVM has a working directory of its own: it gets the absolute path.
            Path config = Paths.get(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(config)) {
                return usage(err, "config file " + config + " does not exist");
            }
            if (config.toString().indexOf(',') >= 0) {
                return usage(err, "the config file's path must not contain ',' (it separates agent options): "
                        + config);
            }
            argument = "config=" + config;
        }
        if (agentJar == null) {
            err.println("poet attach: not run from the agent jar (java -jar poet-agent.jar attach ...)");
            return 1;
        }
        long id = Long.parseLong(pid);
        if (id == ProcessHandle.current().pid()) {
            err.println("poet attach: " + pid + " is this command's own process");
            return 1;
        }
        if (!ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false)) {
            err.println("poet attach: no running process " + pid);
            return 1;
        }
        try {
            attacher.attach(agentJar, pid, argument);
        } catch (Throwable t) {
            err.println("poet attach: could not attach to JVM " + pid + ": " + reason(t));
            return 1;
        }
        out.println("poet attach: agent loaded into JVM " + pid + (argument.isEmpty() ? "" : " with " + argument)
                + "; its standard error shows what it selected");
        return 0;
    }

    /** The innermost message, which names what went wrong (no JVM, no attach API, permission). */
    private static String reason(Throwable t) {
        StringBuilder reason = new StringBuilder();
        for (Throwable c = t; c != null && reason.length() < 500; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            if (message != null && !message.isBlank() && reason.indexOf(message) < 0) {
                if (reason.length() > 0) {
                    reason.append(": ");
                }
                reason.append(message);
            }
        }
        return reason.length() > 0 ? reason.toString() : t.getClass().getName();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("poet attach: " + problem);
        err.println("try: java -jar poet-agent.jar attach --help");
        return 2;
    }
}
