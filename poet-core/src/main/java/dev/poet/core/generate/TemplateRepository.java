package dev.poet.core.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.core.store.SafeName;

/**
 * Finds domain templates. Precedence, so that a template a user made wins over one configured, which wins over
 * the bundled one: the {@code current} version under
 * {@code <poet.home>/templates/<domain>/}, then {@code poet.templates.dir/<domain>/}, then the templates bundled
 * in the agent jar (read-only defaults).
 *
 * <p>A template folder holds {@code template.properties} ({@code version}, {@code description},
 * {@code param.<name>=<default>} lines), {@code prompt.md} and {@code Enhancement.java.mustache}. A new domain is a
 * new folder; no Java change.
 *
 * <p>Templates share code through Mustache partials: {@code {{> name}}} includes {@code <name>.mustache} from the
 * shared folder {@value #SHARED}, searched with the same precedence, one partial at a time (the {@code current}
 * version under {@code <poet.home>/templates/_shared/}, then {@code poet.templates.dir/_shared/}, then the bundled
 * ones), so a user may override a single partial or use the bundled ones from a template of their own. Every
 * partial a template includes, directly or through another partial, is read when the template is found; one that
 * exists nowhere makes the template unusable ({@link TemplateNotFound}), not a blank in the generated code.
 */
public final class TemplateRepository {

    static final String PROPERTIES = "template.properties";
    static final String PROMPT = "prompt.md";
    static final String SOURCE = "Enhancement.java.mustache";
    private static final String BUNDLED = "dev/poet/templates/";
    /** The folder of shared partials, beside the domains' folders. */
    static final String SHARED = "_shared";
    private static final String PARTIAL_SUFFIX = ".mustache";
    private static final java.util.regex.Pattern PARTIAL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");
    /** A partial tag with the default delimiters: {@code {{> name}}}. */
    private static final java.util.regex.Pattern PARTIAL_TAG =
            java.util.regex.Pattern.compile("\\{\\{\\s*>\\s*([^}]*?)\\s*}}");

    private final Path userTemplates;
    private final Path templatesDir;
    private final ClassLoader bundled;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    /**
     * @param poetHome     {@code poet.home}; its {@code templates/} folder is searched first
     * @param templatesDir {@code poet.templates.dir}, or {@code null}
     * @param bundled      the loader that holds the bundled {@code dev/poet/templates/}
     */
    public TemplateRepository(Path poetHome, Path templatesDir, ClassLoader bundled) {
        this.userTemplates = poetHome == null ? null : poetHome.resolve("templates");
        this.templatesDir = templatesDir;
        this.bundled = bundled;
    }

    /** The template that applies to {@code domain}. */
    public Template find(String domain) throws TemplateNotFound {
        try {
            SafeName.domain(domain);
        } catch (SafeName.UnsafeNameException e) {
            throw new TemplateNotFound(e.getMessage());
        }
        Template cached = cache.get(domain);
        if (cached != null) {
            return cached;
        }
        Template found = withPartials(locate(domain));
        cache.put(domain, found);
        return found;
    }

    /**
     * Forgets what {@link #find} read for {@code domain} (every domain for the shared partials' folder), so that
     * the next method of that domain reads the template again: a user version made current while the application
     * runs applies to the methods generated after it.
     */
    public void forget(String domain) {
        if (SHARED.equals(domain)) {
            cache.clear();
        } else {
            cache.remove(domain);
        }
    }

    /**
     * A template made of submitted files (as a folder of {@code domain} would hold them) with its partials read as
     * {@link #find} reads them: what a new user version would be, before anything is written.
     *
     * @param files  file name to text: {@value #PROPERTIES} and {@value #SOURCE} needed, {@value #PROMPT} optional
     * @param origin where it comes from, for messages
     */
    public Template resolve(String domain, Map<String, String> files, String origin) throws TemplateNotFound {
        try {
            return withPartials(parse(domain, files.getOrDefault(PROPERTIES, ""), files.get(PROMPT),
                    files.get(SOURCE), origin));
        } catch (IOException e) {
            throw new TemplateNotFound(origin + "/" + PROPERTIES + " is not a properties file: " + e.getMessage());
        }
    }

    /** {@code <poet.home>/templates}, or {@code null} without a home. */
    public Path userTemplates() {
        return userTemplates;
    }

    /** {@code poet.templates.dir}, or {@code null}. */
    public Path templatesDir() {
        return templatesDir;
    }

    /**
     * The text of a bundled template file ({@code domain/name}, or {@code _shared/name}), or {@code null} when
     * there is none.
     */
    public String bundledFile(String domain, String name) throws IOException {
        return resource(BUNDLED + domain + "/" + name);
    }

    /** The loader that holds the bundled templates. */
    public ClassLoader bundledLoader() {
        return bundled == null ? ClassLoader.getSystemClassLoader() : bundled;
    }

    /** Where the bundled templates are: {@code dev/poet/templates/}. */
    public static String bundledRoot() {
        return BUNDLED;
    }

    private Template withPartials(Template template) throws TemplateNotFound {
        Map<String, String> partials = new LinkedHashMap<>();
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
        addIncluded(template.source(), pending);
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (partials.containsKey(name)) {
                continue;
            }
            if (!PARTIAL_NAME.matcher(name).matches()) {
                throw new TemplateNotFound("template '" + template.domain() + "' (" + template.origin()
                        + ") includes the partial '" + name + "': names are letters, digits, _ and - only");
            }
            String text;
            try {
                text = partial(name);
            } catch (IOException e) {
                throw new TemplateNotFound("partial '" + name + "' could not be read: " + e.getMessage());
            }
            if (text == null) {
                throw new TemplateNotFound("template '" + template.domain() + "' (" + template.origin()
                        + ") includes the partial '" + name + "', which is in no " + SHARED + " folder ("
                        + sharedLocations() + ")");
            }
            partials.put(name, text);
            addIncluded(text, pending);
        }
        if (partials.isEmpty()) {
            return template;
        }
        return new Template(template.domain(), template.version(), template.description(), template.defaults(),
                template.prompt(), template.source(), template.origin(), partials);
    }

    private static void addIncluded(String text, java.util.Deque<String> pending) {
        java.util.regex.Matcher m = PARTIAL_TAG.matcher(text);
        while (m.find()) {
            pending.addLast(m.group(1));
        }
    }

    /** The text of the shared partial {@code name} from the first location that has it, or {@code null}. */
    private String partial(String name) throws IOException {
        String file = name + PARTIAL_SUFFIX;
        if (userTemplates != null) {
            Path folder = userTemplates.resolve(SHARED);
            Path current = folder.resolve("current");
            if (Files.isRegularFile(current)) {
                String version = Files.readString(current, StandardCharsets.UTF_8).trim();
                try {
                    SafeName.version(version);
                } catch (SafeName.UnsafeNameException e) {
                    throw new IOException(current + ": " + e.getMessage(), e);
                }
                Path candidate = folder.resolve(version).resolve(file);
                if (Files.isRegularFile(candidate)) {
                    return Files.readString(candidate, StandardCharsets.UTF_8);
                }
            }
        }
        if (templatesDir != null) {
            Path candidate = templatesDir.resolve(SHARED).resolve(file);
            if (Files.isRegularFile(candidate)) {
                return Files.readString(candidate, StandardCharsets.UTF_8);
            }
        }
        return resource(BUNDLED + SHARED + "/" + file);
    }

    private String sharedLocations() {
        StringBuilder where = new StringBuilder();
        if (userTemplates != null) {
            where.append(userTemplates.resolve(SHARED)).append("/<current>, ");
        }
        if (templatesDir != null) {
            where.append(templatesDir.resolve(SHARED)).append(", ");
        }
        return where.append("bundled templates/").append(SHARED).toString();
    }

    private Template locate(String domain) throws TemplateNotFound {
        try {
            if (userTemplates != null) {
                Path folder = userTemplates.resolve(domain);
                Path current = folder.resolve("current");
                if (Files.isRegularFile(current)) {
                    String version = Files.readString(current, StandardCharsets.UTF_8).trim();
                    try {
                        SafeName.version(version);
                    } catch (SafeName.UnsafeNameException e) {
                        throw new TemplateNotFound(current + ": " + e.getMessage());
                    }
                    Path versionDir = folder.resolve(version);
                    if (Files.isDirectory(versionDir)) {
                        return fromFolder(domain, versionDir);
                    }
                }
            }
            if (templatesDir != null) {
                Path folder = templatesDir.resolve(domain);
                if (Files.isDirectory(folder)) {
                    return fromFolder(domain, folder);
                }
            }
            String base = BUNDLED + domain + "/";
            String properties = resource(base + PROPERTIES);
            if (properties != null) {
                return parse(domain, properties, resource(base + PROMPT), resource(base + SOURCE),
                        "bundled templates/" + domain);
            }
        } catch (IOException e) {
            throw new TemplateNotFound("template '" + domain + "' could not be read: " + e.getMessage());
        }
        throw new TemplateNotFound("no template for domain '" + domain + "'");
    }

    private static Template fromFolder(String domain, Path folder) throws IOException, TemplateNotFound {
        Path properties = folder.resolve(PROPERTIES);
        if (!Files.isRegularFile(properties)) {
            throw new TemplateNotFound(folder + " has no " + PROPERTIES);
        }
        Path prompt = folder.resolve(PROMPT);
        Path source = folder.resolve(SOURCE);
        return parse(domain, Files.readString(properties, StandardCharsets.UTF_8),
                Files.isRegularFile(prompt) ? Files.readString(prompt, StandardCharsets.UTF_8) : null,
                Files.isRegularFile(source) ? Files.readString(source, StandardCharsets.UTF_8) : null,
                folder.toString());
    }

    private static Template parse(String domain, String propertiesText, String prompt, String source, String origin)
            throws IOException, TemplateNotFound {
        Properties properties = new Properties();
        properties.load(new StringReader(propertiesText));
        String version = properties.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new TemplateNotFound(origin + "/" + PROPERTIES + " has no 'version'");
        }
        if (source == null) {
            throw new TemplateNotFound(origin + " has no " + SOURCE);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("param.")) {
                defaults.put(name.substring("param.".length()), properties.getProperty(name).trim());
            }
        }
        return new Template(domain, version.trim(), properties.getProperty("description", ""), defaults,
                prompt == null ? "" : prompt, source, origin);
    }

    private String resource(String name) throws IOException {
        try (InputStream in = bundled == null ? ClassLoader.getSystemResourceAsStream(name) : bundled.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
