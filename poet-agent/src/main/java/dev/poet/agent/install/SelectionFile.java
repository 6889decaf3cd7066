package dev.poet.agent.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.poet.core.log.PoetLog;
import dev.poet.core.operate.SelectionListener;

/**
 * The operator's selection, {@code <poet.home>/selection.json} ({@code {"include": "...", "changed_by": "...",
 * "changed_at": "..."}}): when present it replaces the configured {@code poet.methods.include}, at start and,
 * polled, while the application runs; removed, the configured one applies again. Whoever changes the selection
 * (the command line, the HTTP API) only writes the file, atomically; this class hands each new content to a
 * {@link SelectionListener}. A file that cannot be read is reported once per content and changes nothing.
 */
final class SelectionFile {

    static final String NAME = "selection.json";
    private static final JsonFactory JSON = new JsonFactory();

    /** The include and who set it, as read from the file. */
    record Content(String include, String changedBy) {
    }

    private final Path file;
    private final String configured;
    private final SelectionListener listener;
    private String applied;
    private byte[] lastBytes;

    /**
     * @param configured the configured {@code poet.methods.include}, in force when the file is absent
     * @param applied    the include already in force (the file's at start, when there was one)
     */
    SelectionFile(Path home, String configured, String applied, SelectionListener listener) {
        this.file = home.resolve(NAME);
        this.configured = configured;
        this.applied = applied;
        this.listener = listener;
        // What is on disk now is what the selection in force was read from: a change (or removal) made before the
        // first look is then still a change.
        try {
            this.lastBytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            this.lastBytes = null;
        }
    }

    /** The include in {@code <home>/selection.json}, or {@code null} when there is none (or it is unreadable). */
    static Content read(Path home) {
        try {
            return parse(Files.readAllBytes(home.resolve(NAME)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(home.resolve(NAME) + " not read (" + e.getMessage() + "); the configured selection applies");
            return null;
        }
    }

    static Content parse(byte[] json) throws IOException {
        String include = null;
        String changedBy = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if ("include".equals(field) && value == JsonToken.VALUE_STRING) {
                    include = parser.getText();
                } else if ("changed_by".equals(field) && value == JsonToken.VALUE_STRING) {
                    changedBy = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("malformed JSON");
            }
        }
        if (include == null) {
            throw new IOException("no \"include\" text");
        }
        return new Content(include, changedBy == null ? "operator" : changedBy);
    }

    /** Polls every {@code pollMs} on a daemon thread of its own. */
    void start(long pollMs) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poet-selection");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    /** One look at the file; hands a changed selection to the listener. Never throws. */
    void poll() {
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                bytes = null;
            }
            if (Arrays.equals(bytes, lastBytes)) {
                return;
            }
            lastBytes = bytes;
            Content content;
            if (bytes == null) {
                content = new Content(configured, "configuration");
            } else {
                try {
                    content = parse(bytes);
                } catch (IOException | RuntimeException e) {
                    PoetLog.warn(file + " not read (" + e.getMessage() + "); the selection is unchanged");
                    return;
                }
            }
            if (content.include().equals(applied)) {
                return;
            }
            applied = content.include();
            listener.selectionChanged(content.include(), content.changedBy());
        } catch (Throwable t) {
            PoetLog.suppressed("reading " + file + " failed; the selection is unchanged", t);
        }
    }
}
