package dev.poet.core.templates;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.store.AtomicFiles;
import dev.poet.core.store.SafeName;

/**
 * The domain templates as an operator manages them: every domain with its bundled template, the one in
 * {@code poet.templates.dir} and the user versions under {@code <poet.home>/templates/<domain>/vN/}; a version's
 * files; a new user version, accepted only after a {@link TemplateTrial} on the domain's sample method and then
 * made {@code current}; and switching {@code current}. A refused version writes nothing. Names are checked before
 * any path is built from them, so {@code ..}, slashes and backslashes never reach the file system.
 *
 * <p>Versions are written whole: into a staging folder, then renamed to {@code vN} under a file lock (two JVMs
 * sharing the home never make the same {@code vN}), and {@code current} is replaced atomically. The repository
 * the running application generates from is told to read the domain again.
 */
public final class TemplateCatalog {

    public static final String PROPERTIES = "template.properties";
    public static final String PROMPT = "prompt.md";
    public static final String SOURCE = "Enhancement.java.mustache";
    static final String METADATA = "metadata.json";
    static final String CURRENT = "current";
    /** {@code PUT current} with this removes the user's choice: the configured folder or the bundled one applies. */
    public static final String DEFAULT = "default";
    private static final String SHARED = "_shared";
    private static final List<String> FILES = List.of(PROPERTIES, PROMPT, SOURCE);
    private static final Pattern VERSION_LINE = Pattern.compile("^\\s*(version|description)\\s*[=:\\s].*$|^\\s*(version|description)\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateRepository repository;
    private final Clock clock;
    private final TemplateTrial trial = new TemplateTrial();

    /**
     * @param repository what the application generates from (its home, {@code poet.templates.dir} and bundled
     *                   templates are the ones managed here); told to forget a domain whose {@code current} changed
     */
    public TemplateCatalog(TemplateRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Where a template comes from. */
    public enum Source {
        USER, FOLDER, BUNDLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One version of a domain's template.
     *
     * @param version         {@code vN} for a user version, {@code folder} or {@code bundled}
     * @param templateVersion {@code version} from its {@code template.properties}
     * @param createdAt       when it was made (user versions), or {@code null}
     * @param author          who made it (user versions), or {@code null}
     */
    public record VersionInfo(String version, Source source, String templateVersion, String description,
                              Instant createdAt, Instant updatedAt, String author, boolean current) {
    }

    /**
     * A domain: the template that applies now ({@code effective}) and every version there is.
     *
     * @param current the user version {@code current} names, or {@code null}
     */
    public record DomainInfo(String domain, VersionInfo effective, String current, List<VersionInfo> versions) {
    }

    /** A version's files by name, and its metadata. */
    public record VersionFiles(String domain, VersionInfo info, Map<String, String> files, Map<String, Object> metadata) {
    }

    /** A stored new version and the trial it passed. */
    public record Created(String domain, String version, Instant createdAt, TrialResult trial) {
    }

    /** Every domain with a template (the shared partials' folder is not one), sorted. */
    public List<DomainInfo> list() throws TemplateException {
        TreeSet<String> domains = new TreeSet<>(bundledDomains());
        domains.addAll(folderDomains(repository.templatesDir()));
        domains.addAll(folderDomains(repository.userTemplates()));
        List<DomainInfo> out = new ArrayList<>();
        for (String d : domains) {
            DomainInfo info = domainOrNull(d);
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    /** One domain. */
    public DomainInfo domain(String domain) throws TemplateException {
        checkDomain(domain);
        DomainInfo info = domainOrNull(domain);
        if (info == null) {
            throw new TemplateException("not_found", "no template for domain '" + domain + "' (domains: "
                    + String.join(", ", names()) + ")");
        }
        return info;
    }

    /** The files and metadata of {@code version} ({@code vN}, {@code folder}, {@code bundled}) of {@code domain}. */
    public VersionFiles show(String domain, String version) throws TemplateException {
        DomainInfo info = domain(domain);
        String wanted = version == null ? info.effective().version() : version;
        if (!wanted.equals("bundled") && !wanted.equals("folder")) {
            checkVersion(wanted);
        }
        for (VersionInfo v : info.versions()) {
            if (v.version().equals(wanted)) {
                return new VersionFiles(domain, v, files(domain, v), metadata(domain, v));
            }
        }
        throw new TemplateException("not_found", "domain '" + domain + "' has no version " + wanted + " (versions: "
                + String.join(", ", info.versions().stream().map(VersionInfo::version).toList()) + ")");
    }

    /**
     * Tries submitted files without storing them. Files not given are taken from the template that applies to
     * the domain now (so a version may change only {@code Enhancement.java.mustache}).
     */
    public TrialResult validate(String domain, Map<String, String> files) throws TemplateException {
        checkDomain(domain);
        Map<String, String> complete = complete(domain, files, null);
        return trial.onSample(resolve(domain, complete, "submitted template '" + domain + "'"));
    }

    /**
     * Tries a template folder ({@code template.properties}, {@code Enhancement.java.mustache}, optional
     * {@code prompt.md}) as a version of {@code domain} (its folder name when {@code null}).
     */
    public TrialResult validateFolder(Path folder, String domain) throws TemplateException {
        String d = domain != null ? domain : String.valueOf(folder.toAbsolutePath().normalize().getFileName());
        checkDomain(d);
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : FILES) {
            Path f = folder.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    files.put(name, Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new TemplateException("io", f + " could not be read: " + e.getMessage());
                }
            }
        }
        if (!files.containsKey(SOURCE)) {
            throw new TemplateException("bad_request", folder + " has no " + SOURCE);
        }
        if (!files.containsKey(PROPERTIES) && domainOrNull(d) == null) {
            throw new TemplateException("bad_request", folder + " has no " + PROPERTIES + " and '" + d
                    + "' is no known domain to take one from");
        }
        return trial.onSample(resolve(d, complete(d, files, null), folder.toString()));
    }

    /**
     * Stores {@code files} as the next user version of {@code domain} and makes it {@code current}, once it
     * passed its trial on the domain's sample method. {@code version} and {@code description} in its
     * {@code template.properties} are written by the catalog: the version as {@code <N>-user}, so stored method
     * versions name the template version they came from.
     *
     * @throws TemplateException {@code refused} with the problem when the trial failed; nothing is written then
     */
    public Created create(String domain, Map<String, String> files, String description, String author)
            throws TemplateException {
        checkDomain(domain);
        String desc = description == null ? "" : description.strip();
        String who = author == null || author.isBlank() ? "unknown" : author.strip();
        if (desc.length() > 500 || desc.contains("\n") || who.length() > 100 || who.contains("\n")) {
            throw new TemplateException("bad_request", "description is one line of at most 500 characters, author"
                    + " one line of at most 100");
        }
        if (repository.userTemplates() == null) {
            throw new TemplateException("io", "no poet.home to store template versions in");
        }
        Path folder = repository.userTemplates().resolve(domain);
        // Tried before anything is written: a refused version leaves no folder, lock or file behind. The number
        // is taken again under the lock; it only appears in the properties' version, which the trial does not use.
        int guess;
        try {
            guess = highestVersion(folder) + 1;
        } catch (IOException e) {
            throw new TemplateException("io", folder + " could not be listed: " + e.getMessage());
        }
        Template tried = resolve(domain, complete(domain, files, guess + "-user|" + desc),
                "submitted template '" + domain + "'");
        TrialResult result = trial.onSample(tried);
        if (!result.passed()) {
            throw new TemplateException("refused", "template '" + domain + "' was not stored: "
                    + result.problem().describe(), result.problem());
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new TemplateException("io", folder + " could not be created: " + e.getMessage());
        }
        try (Lock lock = Lock.on(folder.resolve(".lock"))) {
            int number = highestVersion(folder) + 1;
            Map<String, String> complete = complete(domain, files, number + "-user|" + desc);
            Template template = resolve(domain, complete, "template '" + domain + "' v" + number);
            Instant now = clock.instant();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("version", "v" + number);
            meta.put("template_version", template.version());
            meta.put("description", desc);
            meta.put("author", who);
            meta.put("created_at", now.toString());
            meta.put("updated_at", now.toString());
            meta.put("trial", Map.of("method", result.method(), "verdict", result.verdict(), "notes", result.notes()));
            Path staging = folder.resolve(".staging-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.createDirectory(staging);
            try {
                for (Map.Entry<String, String> f : complete.entrySet()) {
                    AtomicFiles.write(staging.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8));
                }
                AtomicFiles.write(staging.resolve(METADATA), JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(meta));
                Path target = folder.resolve("v" + number);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
            } finally {
                deleteTree(staging);
            }
            writeCurrent(folder, "v" + number);
            repository.forget(domain);
            return new Created(domain, "v" + number, now, result);
        } catch (IOException e) {
            throw new TemplateException("io", "template '" + domain + "' could not be stored: " + e.getMessage());
        }
    }

    /**
     * Makes user version {@code version} of {@code domain} the one that applies, or with {@value #DEFAULT}
     * removes the user's choice (the configured folder or the bundled template applies again).
     *
     * @return when it was changed
     */
    public Instant setCurrent(String domain, String version) throws TemplateException {
        checkDomain(domain);
        if (version == null) {
            throw new TemplateException("bad_request", "version is missing: give \"vN\" or \"" + DEFAULT + "\"");
        }
        DomainInfo info = domain(domain);
        if (repository.userTemplates() == null) {
            throw new TemplateException("io", "no poet.home to store template versions in");
        }
        Path folder = repository.userTemplates().resolve(domain);
        try {
            if (version.equals(DEFAULT)) {
                Files.deleteIfExists(folder.resolve(CURRENT));
            } else {
                checkVersion(version);
                if (info.versions().stream().noneMatch(v -> v.source() == Source.USER && v.version().equals(version))) {
                    throw new TemplateException("not_found", "domain '" + domain + "' has no user version " + version
                            + " (user versions: " + String.join(", ", info.versions().stream()
                            .filter(v -> v.source() == Source.USER).map(VersionInfo::version).toList()) + ")");
                }
                writeCurrent(folder, version);
            }
        } catch (IOException e) {
            throw new TemplateException("io", "current of '" + domain + "' could not be written: " + e.getMessage());
        }
        repository.forget(domain);
        return clock.instant();
    }

    // ---------------------------------------------------------------------------------------------------------

    private List<String> names() throws TemplateException {
        TreeSet<String> domains = new TreeSet<>(bundledDomains());
        domains.addAll(folderDomains(repository.templatesDir()));
        domains.addAll(folderDomains(repository.userTemplates()));
        return new ArrayList<>(domains);
    }

    private DomainInfo domainOrNull(String domain) throws TemplateException {
        List<VersionInfo> versions = new ArrayList<>();
        String current = currentName(domain);
        VersionInfo effective = null;
        Path user = repository.userTemplates() == null ? null : repository.userTemplates().resolve(domain);
        if (user != null && Files.isDirectory(user)) {
            List<Integer> numbers;
            try {
                numbers = userVersions(user);
            } catch (IOException e) {
                throw new TemplateException("io", user + " could not be listed: " + e.getMessage());
            }
            for (int n : numbers) {
                VersionInfo v = userVersion(domain, user.resolve("v" + n), "v" + n, ("v" + n).equals(current));
                if (v != null) {
                    versions.add(v);
                    if (v.current()) {
                        effective = v;
                    }
                }
            }
        }
        Path dir = repository.templatesDir() == null ? null : repository.templatesDir().resolve(domain);
        if (dir != null && Files.isRegularFile(dir.resolve(PROPERTIES))) {
            VersionInfo v = plain("folder", Source.FOLDER, readFile(dir.resolve(PROPERTIES)), effective == null);
            versions.add(v);
            effective = effective == null ? v : effective;
        }
        String bundledProps = bundled(domain, PROPERTIES);
        if (bundledProps != null) {
            VersionInfo v = plain("bundled", Source.BUNDLED, bundledProps, effective == null);
            versions.add(v);
            effective = effective == null ? v : effective;
        }
        if (versions.isEmpty()) {
            return null;
        }
        if (effective == null) {
            // User versions exist but none is current: they apply only once made current.
            return new DomainInfo(domain, null, current, versions);
        }
        return new DomainInfo(domain, effective, current, versions);
    }

    private VersionInfo userVersion(String domain, Path dir, String name, boolean current) throws TemplateException {
        if (!Files.isRegularFile(dir.resolve(PROPERTIES))) {
            return null;
        }
        Properties p = properties(readFile(dir.resolve(PROPERTIES)));
        Map<String, Object> meta = readMeta(dir.resolve(METADATA));
        return new VersionInfo(name, Source.USER, p.getProperty("version", "").trim(),
                String.valueOf(meta.getOrDefault("description", p.getProperty("description", ""))),
                instant(meta.get("created_at")), instant(meta.get("updated_at")),
                meta.get("author") == null ? null : String.valueOf(meta.get("author")), current);
    }

    private static VersionInfo plain(String name, Source source, String propertiesText, boolean current) {
        Properties p = properties(propertiesText);
        return new VersionInfo(name, source, p.getProperty("version", "").trim(),
                p.getProperty("description", "").trim(), null, null, null, current);
    }

    private Map<String, String> files(String domain, VersionInfo v) throws TemplateException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : FILES) {
            String text = switch (v.source()) {
                case USER -> readIfFile(repository.userTemplates().resolve(domain).resolve(v.version()).resolve(name));
                case FOLDER -> readIfFile(repository.templatesDir().resolve(domain).resolve(name));
                case BUNDLED -> bundled(domain, name);
            };
            if (text != null) {
                out.put(name, text);
            }
        }
        return out;
    }

    private Map<String, Object> metadata(String domain, VersionInfo v) throws TemplateException {
        if (v.source() != Source.USER) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("description", v.description());
            m.put("origin", v.source() == Source.FOLDER ? String.valueOf(repository.templatesDir().resolve(domain))
                    : "bundled templates/" + domain);
            return m;
        }
        return readMeta(repository.userTemplates().resolve(domain).resolve(v.version()).resolve(METADATA));
    }

    /**
     * The submitted files with what is missing taken from the template that applies now; with {@code stamp}
     * ({@code <version>|<description>}) the properties' {@code version} and {@code description} are replaced.
     */
    private Map<String, String> complete(String domain, Map<String, String> files, String stamp)
            throws TemplateException {
        for (String name : files.keySet()) {
            if (!FILES.contains(name)) {
                throw new TemplateException("bad_request", "unknown template file '" + shorten(name)
                        + "'; a version holds " + String.join(", ", FILES));
            }
        }
        if (files.get(SOURCE) == null || files.get(SOURCE).isBlank()) {
            throw new TemplateException("bad_request", SOURCE + " (the template's source) is missing or empty");
        }
        Map<String, String> out = new LinkedHashMap<>();
        DomainInfo existing = domainOrNull(domain);
        for (String name : FILES) {
            String text = files.get(name);
            if (text == null && existing != null && existing.effective() != null) {
                text = files(domain, existing.effective()).get(name);
            }
            if (text != null) {
                out.put(name, text);
            }
        }
        if (!out.containsKey(PROPERTIES)) {
            if (stamp == null) {
                out.put(PROPERTIES, "version=trial\n");
            } else {
                throw new TemplateException("bad_request", PROPERTIES + " is missing and '" + domain
                        + "' has no template to take it from");
            }
        }
        if (stamp != null) {
            int bar = stamp.indexOf('|');
            String version = stamp.substring(0, bar);
            String description = stamp.substring(bar + 1);
            StringBuilder props = new StringBuilder();
            props.append("version=").append(version).append('\n');
            if (!description.isEmpty()) {
                props.append("description=").append(escapeProperty(description)).append('\n');
            }
            for (String line : out.get(PROPERTIES).split("\n", -1)) {
                if (VERSION_LINE.matcher(line).matches() && (!line.contains("description") || !description.isEmpty())) {
                    continue;
                }
                props.append(line).append('\n');
            }
            out.put(PROPERTIES, props.toString().stripTrailing() + "\n");
        } else if (properties(out.get(PROPERTIES)).getProperty("version") == null) {
            out.put(PROPERTIES, "version=trial\n" + out.get(PROPERTIES));
        }
        return out;
    }

    private Template resolve(String domain, Map<String, String> files, String origin) throws TemplateException {
        try {
            return repository.resolve(domain, files, origin);
        } catch (TemplateNotFound e) {
            throw new TemplateException("refused", e.getMessage(), new TrialProblem("files",
                    e.getMessage().contains("partial") ? SOURCE : PROPERTIES, 0, e.getMessage()));
        }
    }

    private String currentName(String domain) throws TemplateException {
        if (repository.userTemplates() == null) {
            return null;
        }
        Path file = repository.userTemplates().resolve(domain).resolve(CURRENT);
        String text = readIfFile(file);
        if (text == null) {
            return null;
        }
        String name = text.trim();
        return SafeName.isVersion(name) ? name : null;
    }

    private static void writeCurrent(Path folder, String version) throws IOException {
        AtomicFiles.write(folder.resolve(CURRENT), (version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int highestVersion(Path folder) throws IOException {
        List<Integer> all = userVersions(folder);
        return all.isEmpty() ? 0 : all.get(all.size() - 1);
    }

    private static List<Integer> userVersions(Path folder) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (SafeName.isVersion(name) && Files.isDirectory(e)) {
                    out.add(Integer.parseInt(name.substring(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private List<String> folderDomains(Path root) throws TemplateException {
        List<String> out = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.equals(SHARED) && Files.isDirectory(e) && isDomainName(name)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new TemplateException("io", root + " could not be listed: " + e.getMessage());
        }
        return out;
    }

    /** The bundled domains, read from the jar or folder that holds the bundled base template. */
    private List<String> bundledDomains() {
        List<String> out = new ArrayList<>();
        String root = TemplateRepository.bundledRoot();
        java.net.URL probe = repository.bundledLoader().getResource(root + "base/" + PROPERTIES);
        if (probe == null) {
            return out;
        }
        try {
            if (probe.getProtocol().equals("jar")) {
                String spec = probe.getPath();
                String jar = spec.substring(0, spec.indexOf("!/"));
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(Path.of(java.net.URI.create(jar)).toFile())) {
                    file.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(root) && n.endsWith("/" + PROPERTIES))
                            .map(n -> n.substring(root.length(), n.length() - PROPERTIES.length() - 1))
                            .filter(TemplateCatalog::isDomainName).forEach(out::add);
                }
            } else if (probe.getProtocol().equals("file")) {
                Path base = Path.of(probe.toURI()).getParent().getParent();
                out.addAll(folderDomains(base));
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException | TemplateException e) {
            out.add("base");
        }
        out.removeIf(d -> {
            try {
                return bundled(d, PROPERTIES) == null;
            } catch (TemplateException e) {
                return true;
            }
        });
        return out;
    }

    private String bundled(String domain, String name) throws TemplateException {
        try {
            return repository.bundledFile(domain, name);
        } catch (IOException e) {
            throw new TemplateException("io", "bundled " + domain + "/" + name + " could not be read: " + e.getMessage());
        }
    }

    private static boolean isDomainName(String name) {
        try {
            SafeName.domain(name);
            return true;
        } catch (SafeName.UnsafeNameException e) {
            return false;
        }
    }

    /** Refuses anything but a domain name before a path is built from it. */
    public static void checkDomain(String domain) throws TemplateException {
        if (domain == null) {
            throw new TemplateException("bad_request", "the domain is missing");
        }
        try {
            SafeName.domain(domain);
        } catch (SafeName.UnsafeNameException e) {
            throw new TemplateException("bad_request", "domain '" + shorten(domain) + "' is not a domain name"
                    + " (lower-case letters, digits and _, starting with a letter)");
        }
        if (domain.equals(SHARED)) {
            throw new TemplateException("bad_request", SHARED + " holds shared partials, not a domain");
        }
    }

    /** Refuses anything but {@code vN}. */
    public static void checkVersion(String version) throws TemplateException {
        if (version == null || !SafeName.isVersion(version)) {
            throw new TemplateException("bad_request", "version '" + shorten(String.valueOf(version))
                    + "' is not a version (v1, v2, ...)");
        }
    }

    private static String readFile(Path file) throws TemplateException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("io", file + " could not be read: " + e.getMessage());
        }
    }

    private static String readIfFile(Path file) throws TemplateException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return null;
            }
            throw new TemplateException("io", file + " could not be read: " + e.getMessage());
        }
    }

    private static Map<String, Object> readMeta(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            return JSON.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            return Map.of("unreadable", file + ": " + e.getMessage());
        }
    }

    private static Instant instant(Object value) {
        try {
            return value == null ? null : Instant.parse(String.valueOf(value));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // An unreadable file shows no version or description; its trial says what is wrong with it.
        }
        return p;
    }

    private static String escapeProperty(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void deleteTree(Path dir) {
        try {
            if (!Files.exists(dir)) {
                return;
            }
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // A staging folder left behind is ignored by every reader (not a vN).
        }
    }

    static String shorten(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }

    /** A file lock for writers in other JVMs, and a lock for this one (file locks are held per JVM). */
    private static final class Lock implements AutoCloseable {
        private static final Map<Path, java.util.concurrent.locks.ReentrantLock> IN_JVM =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final FileChannel channel;
        private final java.util.concurrent.locks.ReentrantLock inJvm;

        private Lock(FileChannel channel, java.util.concurrent.locks.ReentrantLock inJvm) {
            this.channel = channel;
            this.inJvm = inJvm;
        }

        static Lock on(Path file) throws TemplateException {
            java.util.concurrent.locks.ReentrantLock inJvm = IN_JVM.computeIfAbsent(file.toAbsolutePath().normalize(),
                    p -> new java.util.concurrent.locks.ReentrantLock());
            inJvm.lock();
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    channel.lock();
                    return new Lock(channel, inJvm);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                inJvm.unlock();
                throw new TemplateException("io", file + " could not be locked: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            try {
                // Closing the channel releases its lock.
                channel.close();
            } catch (IOException e) {
                // Nothing else holds the channel; the lock goes with the process at the latest.
            } finally {
                inJvm.unlock();
            }
        }
    }
}
