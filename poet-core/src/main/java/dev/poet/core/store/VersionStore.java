package dev.poet.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poet.core.log.PoetLog;

/**
 * The versions of every enhanced method under {@code <home>/methods/<method-key>/}:
 * <pre>
 *   v1/ Enhancement.java  Enhancement.class-bytes  params.json  state.json  metadata.json
 *   v2/ ...
 *   current      text file naming the active version, e.g. "v2"
 *   .lock        file lock coordinating writers
 * </pre>
 *
 * <p><b>Crash safety.</b> Every file is written atomically (temp file, fsync, rename, directory fsync).
 * {@code metadata.json} is written last, so a version folder without a readable one is a crash leftover: readers
 * ignore it and the next {@link #save} removes it. Pruned folders are renamed away before deletion.
 *
 * <p><b>Concurrency.</b> Writes to one method (save, status changes, activation, params and state) hold a lock
 * that excludes other threads and other JVMs sharing the home. Reads take no lock: they only ever see complete
 * files. Safe for use by many threads.
 *
 * <p><b>Other agent versions.</b> A version whose metadata this agent does not fully understand (a newer status,
 * see {@link VersionMetadata#understood()}) is listed and readable, but never reused, activated, pruned or
 * removed; its unknown fields survive every rewrite. A {@code metadata.json} that is a whole JSON object but
 * cannot be read at all is left alone too: only a crash leaves a version folder without a complete one.
 *
 * <p>Errors are thrown as {@link IOException}s (a corrupt file as {@link CorruptStoreFileException}); the engine
 * reports them and runs the original method.
 */
public final class VersionStore {

    /** Default number of versions kept per method. */
    public static final int DEFAULT_MAX_VERSIONS = 10;

    private static final Pattern VERSION_NAME = SafeName.VERSION;

    private final Path methodsDir;
    private final int maxVersions;
    private final Clock clock;

    /**
     * A store under {@code home} (created lazily, on first write).
     *
     * @param maxVersions versions kept per method, at least 1; the oldest beyond it are pruned, never the current
     * @param clock       fills in {@link VersionMetadata#createdAt()} when the caller leaves it null
     */
    public VersionStore(Path home, int maxVersions, Clock clock) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be at least 1: " + maxVersions);
        }
        this.methodsDir = home.toAbsolutePath().normalize().resolve("methods");
        this.maxVersions = maxVersions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store keeping {@value #DEFAULT_MAX_VERSIONS} versions, with the system UTC clock. */
    public VersionStore(Path home) {
        this(home, DEFAULT_MAX_VERSIONS, Clock.systemUTC());
    }

    /** The folder of one method (it may not exist yet). */
    public Path methodDir(MethodKey key) {
        return methodsDir.resolve(key.value());
    }

    /**
     * Stores a new version: allocates the next {@code vN}, writes all files atomically, optionally makes it
     * current, and prunes the oldest versions beyond the maximum (never the current one, never this one).
     *
     * @param source   the enhancement's Java source
     * @param bytes    its compiled classes
     * @param params   initial parameters for {@code params.json}
     * @param meta     the metadata; {@code sourceHash} and {@code createdAt} are filled in when null
     * @param activate when true, the version is written with status {@code active}, {@code current} names it,
     *                 and the previously active version becomes {@code superseded}; when false, its status is
     *                 stored as given
     * @return the stored version
     */
    public StoredVersion save(MethodKey key, String source, ClassBytes bytes, Map<String, Object> params,
                              VersionMetadata meta, boolean activate) throws IOException {
        Path dir = methodDir(key);
        Files.createDirectories(dir);
        byte[] sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        VersionMetadata.Builder b = meta.toBuilder();
        if (meta.sourceHash() == null) {
            b.sourceHash(MethodKey.sha256Hex(sourceBytes));
        }
        if (meta.createdAt() == null) {
            b.createdAt(clock.instant());
        }
        if (activate) {
            b.status(VersionStatus.ACTIVE);
        }
        VersionMetadata finalMeta = b.build();
        return StoreLocks.withLock(dir.resolve(VersionFiles.LOCK), () -> {
            removeDebris(dir);
            int number = highestNumber(dir) + 1;
            Path vdir = dir.resolve("v" + number);
            Files.createDirectory(vdir);
            AtomicFiles.write(vdir.resolve(VersionFiles.SOURCE), sourceBytes);
            AtomicFiles.write(vdir.resolve(VersionFiles.CLASS_BYTES), bytes.toByteArray());
            AtomicFiles.write(vdir.resolve(VersionFiles.PARAMS), StoreJson.write(params == null ? Map.of() : params));
            AtomicFiles.write(vdir.resolve(VersionFiles.STATE), StoreJson.write(Map.of()));
            AtomicFiles.write(vdir.resolve(VersionFiles.METADATA), StoreJson.write(finalMeta));
            AtomicFiles.syncDirectory(dir);
            StoredVersion saved = new StoredVersion(key, number, vdir, finalMeta);
            if (activate) {
                makeCurrent(key, saved.name());
            }
            prune(key, saved.number());
            return saved;
        });
    }

    /** The version {@code current} names, when it names a complete version. */
    public Optional<StoredVersion> current(MethodKey key) throws IOException {
        Optional<String> name = currentName(key);
        return name.isEmpty() ? Optional.empty() : version(key, name.get());
    }

    /**
     * The name {@code current} holds, e.g. {@code v2}; empty when there is none or it is not a version name (then
     * refused, once per value, with a warning naming it: a path is never built from it).
     */
    public Optional<String> currentName(MethodKey key) throws IOException {
        String name;
        try {
            name = Files.readString(methodDir(key).resolve(VersionFiles.CURRENT), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(SafeName.version(name));
        } catch (SafeName.UnsafeNameException e) {
            PoetLog.once(PoetLog.Level.WARN, "current|" + key.value() + "|" + name,
                    key.value() + "/" + VersionFiles.CURRENT + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** One complete version by name, e.g. {@code v3}. */
    public Optional<StoredVersion> version(MethodKey key, String name) throws IOException {
        Matcher m = VERSION_NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return load(key, Integer.parseInt(m.group(1)));
    }

    /** The names of the complete versions, oldest first, e.g. {@code [v3, v4, v5]}. */
    public List<String> versions(MethodKey key) throws IOException {
        List<String> names = new ArrayList<>();
        for (int n : numbers(methodDir(key))) {
            if (load(key, n).isPresent()) {
                names.add("v" + n);
            }
        }
        return names;
    }

    /** The keys of every method with a folder in the store, sorted. */
    public List<MethodKey> methods() throws IOException {
        List<MethodKey> keys = new ArrayList<>();
        if (!Files.isDirectory(methodsDir)) {
            return keys;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(methodsDir)) {
            for (Path child : children) {
                try {
                    keys.add(MethodKey.parse(child.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    // Not ours (or a user's note); the store only manages what it named.
                }
            }
        }
        Collections.sort(keys);
        return keys;
    }

    /** The newest complete version whose metadata satisfies {@code test}. */
    public Optional<StoredVersion> find(MethodKey key, Predicate<VersionMetadata> test) throws IOException {
        List<Integer> numbers = numbers(methodDir(key));
        Collections.reverse(numbers);
        for (int n : numbers) {
            Optional<StoredVersion> v = load(key, n);
            if (v.isPresent() && test.test(v.get().metadata())) {
                return v;
            }
        }
        return Optional.empty();
    }

    /**
     * The newest version that an unchanged method can use again on restart without generating or compiling:
     * same original bytecode hash, template version and configuration fingerprint (each compared with
     * {@link Objects#equals}, so null matches null), {@linkplain VersionMetadata#activatable() activatable} (so
     * never {@code rejected}, never {@code quarantined}: it failed at run time, reusing it would repeat that; never
     * a status this agent does not know), and with readable class bytes.
     */
    public Optional<StoredVersion> findReusable(MethodKey key, String bytecodeHash, String templateVersion,
                                                String configFingerprint) throws IOException {
        List<Integer> numbers = numbers(methodDir(key));
        Collections.reverse(numbers);
        for (int n : numbers) {
            Optional<StoredVersion> found = load(key, n);
            if (found.isEmpty()) {
                continue;
            }
            VersionMetadata m = found.get().metadata();
            if (m.activatable()
                    && Objects.equals(m.bytecodeHash(), bytecodeHash)
                    && Objects.equals(m.templateVersion(), templateVersion)
                    && Objects.equals(m.configFingerprint(), configFingerprint)
                    && readable(found.get())) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean readable(StoredVersion v) {
        try {
            v.classBytes();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sets a version's status and reason in its {@code metadata.json}. Does not change {@code current}: to stop
     * using a quarantined current version, also call {@link #activate} (roll back) or {@link #deactivate}.
     *
     * @return the updated version
     * @throws NoSuchFileException when the version does not exist
     */
    public StoredVersion markStatus(MethodKey key, String version, VersionStatus status, String reason)
            throws IOException {
        return withMethodLock(key, () -> {
            StoredVersion v = require(key, version);
            return rewriteMetadata(v, v.metadata().withStatus(status, reason));
        });
    }

    /**
     * Makes an existing version current (e.g. a rollback): its status becomes {@code active}, the previously
     * active one's {@code superseded}.
     *
     * @throws NoSuchFileException when the version does not exist
     * @throws IOException         when its status may not be activated ({@link VersionMetadata#activatable()}),
     *                             nothing changed
     */
    public StoredVersion activate(MethodKey key, String version) throws IOException {
        return withMethodLock(key, () -> {
            StoredVersion target = require(key, version);
            if (!target.metadata().activatable()) {
                throw new IOException(key.value() + "/" + version + " has status '" + target.metadata().statusText()
                        + "', which this agent does not activate");
            }
            return makeCurrent(key, version);
        });
    }

    /**
     * An operator's rollback: {@code version} becomes current and {@code active}; the version current before it
     * (when another) is marked {@code rolled_back} with {@code reason}. Unlike {@link #activate}, a version that was
     * rolled back earlier may be named again: an operator undoing their own rollback is not a failed version.
     *
     * @return the version current before, or null when there was none or it was {@code version} itself
     * @throws NoSuchFileException when the version does not exist
     * @throws IOException         when its status is one that never runs (rejected, quarantined, awaiting review,
     *                             unknown to this agent), nothing changed
     */
    public String rollBackTo(MethodKey key, String version, String reason) throws IOException {
        return withMethodLock(key, () -> {
            StoredVersion target = require(key, version);
            VersionMetadata m = target.metadata();
            if (!m.activatable() && m.status() != VersionStatus.ROLLED_BACK) {
                throw new IOException(key.value() + "/" + version + " has status '" + m.statusText()
                        + "', which is not rolled back to");
            }
            Optional<StoredVersion> previous = current(key);
            String undone = previous.map(StoredVersion::name).filter(n -> !n.equals(version)).orElse(null);
            if (m.status() == VersionStatus.ROLLED_BACK) {
                rewriteMetadata(target, m.withStatus(VersionStatus.SUPERSEDED, "named by a rollback"));
            }
            makeCurrent(key, version);
            if (undone != null) {
                StoredVersion p = require(key, undone);
                if (p.metadata().understood()) {
                    rewriteMetadata(p, p.metadata().withStatus(VersionStatus.ROLLED_BACK, reason));
                }
            }
            return undone;
        });
    }

    /**
     * A reviewer's approval: {@code version}, which must be {@code awaiting_review}, becomes current and
     * {@code active}; the version current before is {@code superseded}.
     *
     * @throws NoSuchFileException when the version does not exist
     * @throws IOException         when it is not awaiting review, nothing changed
     */
    public StoredVersion approve(MethodKey key, String version, String reason) throws IOException {
        return withMethodLock(key, () -> {
            StoredVersion target = require(key, version);
            if (target.metadata().status() != VersionStatus.AWAITING_REVIEW) {
                throw new IOException(key.value() + "/" + version + " has status '"
                        + target.metadata().statusText() + "', not awaiting_review");
            }
            StoredVersion active = makeCurrent(key, version);
            return reason == null ? active : rewriteMetadata(active, active.metadata().withStatus(VersionStatus.ACTIVE,
                    reason));
        });
    }

    /**
     * Runs {@code body} holding this method's write lock (the one every store write takes), for writers of files
     * beside the versions that must not interleave with other processes' writes. {@code body} must not call
     * another locking method of this store: the lock is not reentrant.
     */
    public <T> T underLock(MethodKey key, StoreLocks.Body<T> body) throws IOException {
        Files.createDirectories(methodDir(key));
        return withMethodLock(key, body);
    }

    /** Removes {@code current}, so the method runs its original code until a version is activated again. */
    public void deactivate(MethodKey key) throws IOException {
        if (!Files.isDirectory(methodDir(key))) {
            return;
        }
        withMethodLock(key, () -> {
            Files.deleteIfExists(methodDir(key).resolve(VersionFiles.CURRENT));
            AtomicFiles.syncDirectory(methodDir(key));
            return null;
        });
    }

    /** A version's {@code params.json}. */
    public Map<String, Object> readParams(MethodKey key, String version) throws IOException {
        return readMap(key, version, VersionFiles.PARAMS);
    }

    /** Replaces a version's {@code params.json} atomically. */
    public void writeParams(MethodKey key, String version, Map<String, Object> params) throws IOException {
        writeMap(key, version, VersionFiles.PARAMS, params);
    }

    /** A version's {@code state.json} (learning state); empty for a new version. */
    public Map<String, Object> readState(MethodKey key, String version) throws IOException {
        return readMap(key, version, VersionFiles.STATE);
    }

    /** Replaces a version's {@code state.json} atomically. */
    public void writeState(MethodKey key, String version, Map<String, Object> state) throws IOException {
        writeMap(key, version, VersionFiles.STATE, state);
    }

    private Map<String, Object> readMap(MethodKey key, String version, String file) throws IOException {
        Path path = require(key, version).directory().resolve(file);
        try {
            return StoreJson.readMap(Files.readAllBytes(path));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new CorruptStoreFileException(path + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private void writeMap(MethodKey key, String version, String file, Map<String, Object> values)
            throws IOException {
        byte[] json = StoreJson.write(values);
        withMethodLock(key, () -> {
            AtomicFiles.write(require(key, version).directory().resolve(file), json);
            return null;
        });
    }

    private <T> T withMethodLock(MethodKey key, StoreLocks.Body<T> body) throws IOException {
        Path dir = methodDir(key);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no versions stored for this method");
        }
        return StoreLocks.withLock(dir.resolve(VersionFiles.LOCK), body);
    }

    private StoredVersion require(MethodKey key, String version) throws IOException {
        return version(key, version).orElseThrow(() -> new NoSuchFileException(
                methodDir(key).resolve(version).toString(), null, "no such complete version"));
    }

    /** Caller holds the method lock. */
    private StoredVersion makeCurrent(MethodKey key, String version) throws IOException {
        Optional<StoredVersion> previous = current(key);
        if (previous.isPresent() && !previous.get().name().equals(version)
                && previous.get().metadata().status() == VersionStatus.ACTIVE) {
            rewriteMetadata(previous.get(), previous.get().metadata()
                    .withStatus(VersionStatus.SUPERSEDED, "superseded by " + version));
        }
        StoredVersion target = require(key, version);
        if (target.metadata().status() != VersionStatus.ACTIVE) {
            target = rewriteMetadata(target, target.metadata().withStatus(VersionStatus.ACTIVE, "activated"));
        }
        AtomicFiles.write(methodDir(key).resolve(VersionFiles.CURRENT),
                (version + "\n").getBytes(StandardCharsets.UTF_8));
        return target;
    }

    private static StoredVersion rewriteMetadata(StoredVersion v, VersionMetadata meta) throws IOException {
        AtomicFiles.write(v.directory().resolve(VersionFiles.METADATA), StoreJson.write(meta));
        return new StoredVersion(v.key(), v.number(), v.directory(), meta);
    }

    /**
     * Caller holds the method lock. Keeps the newest versions, the current one and {@code justSaved}; versions
     * this agent does not understand are neither counted nor pruned (they are another agent's to manage).
     */
    private void prune(MethodKey key, int justSaved) throws IOException {
        Path dir = methodDir(key);
        List<Integer> complete = new ArrayList<>();
        for (int n : numbers(dir)) {
            Optional<StoredVersion> v = load(key, n);
            if (v.isPresent() && v.get().metadata().understood()) {
                complete.add(n);
            }
        }
        String current = currentName(key).orElse("");
        int excess = complete.size() - maxVersions;
        for (int i = 0; i < complete.size() && excess > 0; i++) {
            int n = complete.get(i);
            if (n == justSaved || current.equals("v" + n)) {
                continue;
            }
            discard(dir, dir.resolve("v" + n));
            excess--;
        }
    }

    /**
     * Caller holds the method lock, so no version is being written by anyone else: version folders without
     * readable metadata and half-deleted folders are left by crashes. Temp files are removed only when the process
     * that wrote them is gone: files beside the versions (learned values, Train's state) are written without the
     * lock.
     */
    private void removeDebris(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                Matcher m = VERSION_NAME.matcher(name);
                if (name.startsWith(VersionFiles.TRASH_PREFIX)) {
                    AtomicFiles.deleteRecursively(child);
                } else if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    if (AtomicFiles.abandoned(child)) {
                        Files.deleteIfExists(child);
                    }
                } else if (m.matches() && Files.isDirectory(child) && readMetadata(child).isEmpty()
                        && !completeMetadataFile(child)) {
                    discard(dir, child);
                } else if (m.matches() && Files.isDirectory(child)) {
                    removeTempFiles(child);
                }
            }
        }
    }

    private static void removeTempFiles(Path versionDir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(versionDir, "*" + AtomicFiles.TEMP_SUFFIX)) {
            for (Path f : files) {
                if (AtomicFiles.abandoned(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Whether the folder holds a {@code metadata.json} that was written whole, readable by this agent or not. */
    private static boolean completeMetadataFile(Path versionDir) throws IOException {
        try {
            return MetadataReader.wellFormedObject(Files.readAllBytes(versionDir.resolve(VersionFiles.METADATA)));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Renames first so that a crash during deletion never leaves a partial {@code vN} behind. */
    private static void discard(Path methodDir, Path versionDir) throws IOException {
        Path trash = methodDir.resolve(VersionFiles.TRASH_PREFIX + versionDir.getFileName() + "-"
                + System.nanoTime());
        Files.move(versionDir, trash);
        AtomicFiles.deleteRecursively(trash);
    }

    private static int highestNumber(Path dir) throws IOException {
        List<Integer> numbers = numbers(dir);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    /** Numbers of every {@code vN} folder, complete or not, ascending. */
    private static List<Integer> numbers(Path dir) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return numbers;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                Matcher m = VERSION_NAME.matcher(child.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        Collections.sort(numbers);
        return numbers;
    }

    private Optional<StoredVersion> load(MethodKey key, int number) throws IOException {
        Path vdir = methodDir(key).resolve("v" + number);
        return readMetadata(vdir).map(meta -> new StoredVersion(key, number, vdir, meta));
    }

    /** Empty when the folder is incomplete, being pruned, or its metadata is unreadable. */
    private static Optional<VersionMetadata> readMetadata(Path versionDir) throws IOException {
        try {
            return Optional.of(MetadataReader.read(Files.readAllBytes(versionDir.resolve(VersionFiles.METADATA))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }
}
