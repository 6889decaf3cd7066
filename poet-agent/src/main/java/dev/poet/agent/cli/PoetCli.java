package dev.poet.agent.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar poet-agent.jar <command> ...}, reached from the agent's Java 8 entry class on Java 17 and later. */
public final class PoetCli {

    static final String USAGE = String.join("\n",
            "usage: java -jar poet-agent.jar events [options]   print recorded events (--help for the options)",
            "       java -jar poet-agent.jar templates list|show|validate ...   domain templates (--help)",
            "       java -jar poet-agent.jar generate <class-or-jar> <method> --domain D [--dry-run]   (--help)",
            "       java -javaagent:poet-agent.jar[=config=FILE] -jar your-app.jar   run an application with POET");

    private PoetCli() {
    }

    /** Runs {@code args}; returns the exit code (0 done, 1 failed, 2 bad arguments). Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, EventLogOpener.LOCAL, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, EventLogOpener opener, Clock clock) {
        try {
            List<String> list = Arrays.asList(args);
            if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("help")) {
                out.println(USAGE);
                return list.isEmpty() ? 2 : 0;
            }
            if (list.get(0).equals("events")) {
                return new EventsCommand(opener, clock).run(list.subList(1, list.size()), out, err);
            }
            if (list.get(0).equals("templates")) {
                return new TemplatesCommand().run(list.subList(1, list.size()), out, err);
            }
            if (list.get(0).equals("generate")) {
                return new GenerateCommand().run(list.subList(1, list.size()), out, err);
            }
            err.println("poet: unknown command '" + list.get(0) + "'");
            err.println(USAGE);
            return 2;
        } catch (Throwable t) {
            err.println("poet: failed: " + t);
            return 1;
        }
    }
}
