package dev.poet.core.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import dev.poet.core.log.PoetLog;

/**
 * Recorded inputs in an MVStore file ({@code <dir>/inputs.mv.db}, by default {@code poet.home/events/recorded-inputs}),
 * bounded per method in count and bytes (the oldest go first), kept across restarts. With a key each record is
 * sealed with AES-GCM ({@link RecordCipher}); without one it is stored as is. These are the application's data.
 *
 * <p>A store written with a key opens only with that key ({@link RecordKeyMismatchException} otherwise, naming the
 * problem). A store written without a key that is opened with one is emptied and recreated, so that no plain copy of
 * the application's data stays on disk once a key is configured. When another JVM holds the file, this one keeps its
 * records in memory only and says so once. Thread-safe.
 */
public final class StoredRecordedInputs implements RecordedInputs {

    static final String FILE = "inputs.mv.db";
    private static final char SEP = '\u0000';
    private static final byte[] CHECK = "poet recorded inputs".getBytes(StandardCharsets.UTF_8);
    private static final String CHECK_AAD = "key-check";

    private final Path dir;
    private final int maxPerMethod;
    private final long maxBytesPerMethod;
    private final RecordCipher cipher;
    private final MVStore store;
    private final MVMap<String, byte[]> records;
    private final MVMap<String, String> byExecution;
    private final MVMap<String, long[]> totals;
    private final MVMap<String, Long> counters;
    private final MVMap<String, byte[]> meta;

    private StoredRecordedInputs(Path dir, int maxPerMethod, long maxBytesPerMethod, RecordCipher cipher,
                                 MVStore store) {
        this.dir = dir;
        this.maxPerMethod = maxPerMethod;
        this.maxBytesPerMethod = maxBytesPerMethod;
        this.cipher = cipher;
        this.store = store;
        this.records = store.openMap("records");
        this.byExecution = store.openMap("by_execution");
        this.totals = store.openMap("totals");
        this.counters = store.openMap("counters");
        this.meta = store.openMap("meta");
    }

    /**
     * Opens (or creates) the recorded inputs in {@code dir}.
     *
     * @param aesKey 16, 24 or 32 bytes (see {@link RecordKey#parse}), or empty to store records unencrypted
     * @throws RecordKeyMismatchException when the store was encrypted with another key, or is encrypted and no key
     *                                    is given
     */
    public static StoredRecordedInputs open(Path dir, int maxPerMethod, long maxBytesPerMethod,
                                            Optional<byte[]> aesKey) throws IOException {
        if (maxPerMethod < 1 || maxBytesPerMethod < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxPerMethod + ", " + maxBytesPerMethod);
        }
        Objects.requireNonNull(aesKey, "aesKey");
        Files.createDirectories(dir);
        RecordCipher cipher = new RecordCipher(aesKey.orElse(null));
        StoredRecordedInputs inputs = new StoredRecordedInputs(dir, maxPerMethod, maxBytesPerMethod, cipher,
                openStore(dir));
        try {
            return inputs.checkKey();
        } catch (IOException | RuntimeException e) {
            inputs.store.closeImmediately();
            throw e;
        }
    }

    private static MVStore openStore(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return new MVStore.Builder().fileName(file.toString()).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                throw e;
            }
            PoetLog.once(PoetLog.Level.INFO, "recorded-inputs.locked." + dir, "recorded inputs: " + file
                    + " is open in another JVM; this one keeps its recorded executions in memory only");
            return new MVStore.Builder().open();
        }
    }

    private StoredRecordedInputs checkKey() throws IOException {
        byte[] check = meta.get("key_check");
        if (check != null) {
            byte[] plain = cipher.open(check, CHECK_AAD, dir.toString());
            if (!java.util.Arrays.equals(plain, CHECK)) {
                throw new RecordKeyMismatchException("recorded inputs in " + dir + " carry an unknown key check");
            }
            return this;
        }
        if (!cipher.encrypting()) {
            return this;
        }
        if (!records.isEmpty()) {
            int dropped = records.size();
            Path file = dir.resolve(FILE);
            store.closeImmediately();
            Files.deleteIfExists(file);
            PoetLog.info("recorded inputs: " + RecordKey.CONFIG_KEY + " is now set; removed the " + dropped
                    + " unencrypted recorded execution(s) in " + dir + " so no plain copy stays on disk");
            StoredRecordedInputs fresh = new StoredRecordedInputs(dir, maxPerMethod, maxBytesPerMethod, cipher,
                    openStore(dir));
            return fresh.checkKey();
        }
        meta.put("key_check", cipher.seal(CHECK, CHECK_AAD));
        store.commit();
        return this;
    }

    @Override
    public synchronized void add(RecordedExecution e) throws IOException {
        String aad = e.methodKey() + SEP + e.executionId();
        byte[] blob = cipher.seal(encode(e), aad);
        if (blob.length > maxBytesPerMethod) {
            return;
        }
        String old = byExecution.get(aad);
        if (old != null) {
            remove(e.methodKey(), old);
        }
        Long last = counters.get("sequence");
        long seq = last == null ? 1 : last + 1;
        counters.put("sequence", seq);
        String key = e.methodKey() + SEP + String.format("%016x", seq) + SEP + e.executionId();
        records.put(key, blob);
        byExecution.put(aad, key);
        long[] t = totals.getOrDefault(e.methodKey(), new long[2]);
        long count = t[0] + 1;
        long bytes = t[1] + blob.length;
        Iterator<String> oldest = records.keyIterator(e.methodKey() + SEP);
        while ((count > maxPerMethod || bytes > maxBytesPerMethod) && oldest.hasNext()) {
            String k = oldest.next();
            if (!k.startsWith(e.methodKey() + SEP) || k.equals(key)) {
                break;
            }
            byte[] gone = records.remove(k);
            if (gone != null) {
                byExecution.remove(e.methodKey() + SEP + k.substring(k.lastIndexOf(SEP) + 1));
                count--;
                bytes -= gone.length;
            }
        }
        totals.put(e.methodKey(), new long[] {count, bytes});
    }

    private void remove(String method, String key) {
        byte[] gone = records.remove(key);
        if (gone != null) {
            long[] t = totals.getOrDefault(method, new long[2]);
            totals.put(method, new long[] {t[0] - 1, t[1] - gone.length});
        }
    }

    @Override
    public synchronized List<RecordedExecution> recent(String methodKey, int max) throws IOException {
        String prefix = methodKey + SEP;
        List<String> keys = new ArrayList<>();
        Iterator<String> it = records.keyIterator(prefix);
        while (it.hasNext()) {
            String k = it.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        List<RecordedExecution> out = new ArrayList<>();
        for (String k : keys.subList(Math.max(0, keys.size() - Math.max(0, max)), keys.size())) {
            out.add(decode(methodKey, k.substring(k.lastIndexOf(SEP) + 1), records.get(k)));
        }
        return out;
    }

    @Override
    public synchronized Optional<RecordedExecution> get(String methodKey, String executionId) throws IOException {
        String key = byExecution.get(methodKey + SEP + executionId);
        byte[] blob = key == null ? null : records.get(key);
        return blob == null ? Optional.empty() : Optional.of(decode(methodKey, executionId, blob));
    }

    /** Records kept for {@code methodKey} and their stored size in bytes. */
    public synchronized long[] usage(String methodKey) {
        return totals.getOrDefault(methodKey, new long[2]).clone();
    }

    private static byte[] encode(RecordedExecution e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + e.arguments().length()
                + (e.result() == null ? 0 : e.result().length()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(e.timestamp());
            string(out, e.arguments());
            string(out, e.result());
            string(out, e.status());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    private RecordedExecution decode(String method, String executionId, byte[] blob) throws IOException {
        byte[] plain = cipher.open(blob, method + SEP + executionId, dir.toString());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            long ts = in.readLong();
            String args = string(in);
            String result = string(in);
            String status = string(in);
            return new RecordedExecution(method, executionId, ts, args, result, status);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
