package dev.poet.core.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The class files produced by compiling one enhancement (the top-level class and its inner and anonymous
 * classes), by binary name. Immutable; the arrays are copied in and out.
 *
 * <p>Serialized form ({@code Enhancement.class-bytes}), big-endian:
 * <pre>
 *   magic    4 bytes  "PCB1" (0x50 0x43 0x42 0x31)
 *   version  u16      format version, currently 1
 *   count    i32      number of entries, &ge; 0
 *   entries  count &times; { name: u16 length + UTF-8 bytes; size: i32; size bytes of class file }
 *   crc32    u32      CRC-32 of every byte before it
 * </pre>
 * Entries are written in name order, so equal sets serialize to equal bytes.
 */
public final class ClassBytes {

    /** Current serialized format version. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = {'P', 'C', 'B', '1'};
    private static final int MAX_NAME_BYTES = 0xFFFF;

    private final Map<String, byte[]> classes;

    private ClassBytes(Map<String, byte[]> classes) {
        this.classes = classes;
    }

    /** A set holding copies of {@code classes} (binary name, e.g. {@code gen.Enh$1}, to class file bytes). */
    public static ClassBytes of(Map<String, byte[]> classes) {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        classes.forEach((name, bytes) -> {
            if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("bad class name: " + name);
            }
            copy.put(name, bytes.clone());
        });
        return new ClassBytes(Collections.unmodifiableMap(copy));
    }

    /** The binary names, sorted. */
    public Set<String> names() {
        return classes.keySet();
    }

    /** A copy of one class file. */
    public Optional<byte[]> get(String binaryName) {
        byte[] b = classes.get(binaryName);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** Copies of every class file, by binary name, sorted. */
    public Map<String, byte[]> asMap() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        classes.forEach((n, b) -> copy.put(n, b.clone()));
        return copy;
    }

    /** Number of classes. */
    public int size() {
        return classes.size();
    }

    /** The serialized form described in the class comment. */
    public byte[] toByteArray() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.write(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeInt(classes.size());
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            CRC32 crc = new CRC32();
            crc.update(buf.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return buf.toByteArray();
    }

    /**
     * Reads the serialized form.
     *
     * @param what names the data in the exception message, e.g. the file path
     * @throws CorruptStoreFileException on bad magic, unknown version, checksum mismatch or truncation
     */
    public static ClassBytes fromByteArray(byte[] data, String what) throws CorruptStoreFileException {
        int headerAndCrc = MAGIC.length + 2 + 4 + 4;
        if (data.length < headerAndCrc) {
            throw new CorruptStoreFileException(what + ": truncated (" + data.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                throw new CorruptStoreFileException(what + ": not a class-bytes file (bad magic)");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, data.length - 4);
        in.position(MAGIC.length);
        int version = Short.toUnsignedInt(in.getShort());
        if (version != FORMAT_VERSION) {
            throw new CorruptStoreFileException(what + ": unsupported format version " + version);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int stored = ByteBuffer.wrap(data, data.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new CorruptStoreFileException(what + ": checksum mismatch");
        }
        try {
            int count = in.getInt();
            if (count < 0) {
                throw new CorruptStoreFileException(what + ": negative entry count");
            }
            TreeMap<String, byte[]> classes = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                int size = in.getInt();
                if (size < 0 || size > in.remaining()) {
                    throw new CorruptStoreFileException(what + ": bad entry size " + size);
                }
                byte[] bytes = new byte[size];
                in.get(bytes);
                classes.put(new String(name, StandardCharsets.UTF_8), bytes);
            }
            if (in.hasRemaining()) {
                throw new CorruptStoreFileException(what + ": " + in.remaining() + " trailing bytes");
            }
            return new ClassBytes(Collections.unmodifiableMap(classes));
        } catch (BufferUnderflowException e) {
            throw new CorruptStoreFileException(what + ": truncated entry", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClassBytes other) || !classes.keySet().equals(other.classes.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), other.classes.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            h += e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "ClassBytes" + classes.keySet();
    }
}
