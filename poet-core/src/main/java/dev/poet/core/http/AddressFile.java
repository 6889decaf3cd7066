package dev.poet.core.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code poet.home/http.address}: the running server's base URL, one line, so tools find a server on port 0. Written
 * atomically (never seen half-written) and removed on stop only if it still names this server (another JVM sharing
 * the home may have written its own since).
 */
final class AddressFile {

    static final String NAME = "http.address";

    private final Path file;
    private final String content;

    private AddressFile(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    static AddressFile write(Path home, String baseUrl) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve(NAME);
        String content = baseUrl + "\n";
        Path tmp = home.resolve("." + NAME + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new AddressFile(file, content);
    }

    Path path() {
        return file;
    }

    void remove() throws IOException {
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.deleteIfExists(file);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Already gone.
        }
    }
}
