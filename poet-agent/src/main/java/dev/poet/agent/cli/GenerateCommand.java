package dev.poet.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateNotFound;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.GenerationFacts;
import dev.poet.core.store.AuditRecord;
import dev.poet.core.store.ClassBytes;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.templates.TemplateTrial;
import dev.poet.core.templates.TrialResult;

/**
 * {@code generate <class-or-jar> <method> --domain D [--dry-run]}: builds one method's enhancement from its domain
 * template without running the application (render, compile, audit, verify), prints the source and the verdict,
 * and unless {@code --dry-run} stores it as a {@code candidate} version of the method under {@code --home}.
 */
final class GenerateCommand {

    static final String USAGE = String.join("\n",
            "usage: java -jar poet-agent.jar generate <class-or-jar> <method> --domain D [--dry-run]",
            "                                        [--classpath CP] [--home DIR] [--templates-dir DIR] [--json]",
            "",
            "  <class-or-jar>  a .class file, a class folder or a jar holding the method's class; loaded in a",
            "                  loader of its own (its static initialiser does not run)",
            "  <method>        com.acme.Pricing.quote, or com.acme.Pricing.quote(Ljava/lang/String;)D for one",
            "                  overload; with a .class file the method's name alone (quote) is enough",
            "  --domain D      the domain whose template is used (base, ml_monitoring, ...)",
            "  --dry-run       print the source and the verdict, store nothing",
            "  --classpath CP  jars or folders the class needs besides itself (separated by " + java.io.File.pathSeparator + ")",
            "  --home DIR      poet.home: its templates are used and the version is stored there (default ./.poet)",
            "  --templates-dir DIR  poet.templates.dir",
            "  --json          JSON instead of the human form",
            "The version is stored with status candidate: it is not current, and runs only once approved.",
            "Exit codes: 0 passed, 1 refused or failed, 2 bad arguments.");

    int run(List<String> args, PrintStream out, PrintStream err) {
        CommandArguments a;
        try {
            a = CommandArguments.parse(args, Set.of("home", "templates-dir", "domain", "classpath"),
                    Set.of("json", "help", "dry-run"));
            if (a.flag("help")) {
                out.println(USAGE);
                return 0;
            }
            if (a.positional.size() != 2) {
                throw new UsageException("give the class file, class folder or jar, and the method");
            }
            if (!a.options.containsKey("domain")) {
                throw new UsageException("--domain is missing");
            }
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        Path location = Path.of(a.positional.get(0));
        String methodArg = a.positional.get(1);
        String domain = a.options.get("domain");
        boolean json = a.flag("json");
        TemplateRepository repository = new TemplateRepository(a.home(), a.path("templates-dir"),
                GenerateCommand.class.getClassLoader());
        Template template;
        try {
            template = repository.find(domain);
        } catch (TemplateNotFound e) {
            return usage(err, "--domain " + domain + ": " + e.getMessage());
        }
        Target target;
        try {
            target = Target.find(location, methodArg, a.options.get("classpath"));
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        try {
            TrialResult result = new TemplateTrial().on(template, target.method, Map.of());
            String stored = null;
            String key = MethodKey.of(target.method.getDeclaringClass().getName(), target.method.getName(),
                    Type.getMethodDescriptor(target.method), "").value();
            if (result.passed() && !a.flag("dry-run")) {
                try {
                    stored = store(a.home(), key, template, target.method, result);
                } catch (IOException | RuntimeException e) {
                    err.println("poet generate: the version could not be stored under " + a.home() + ": " + e);
                    return 1;
                }
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", result.method());
                m.put("key", key);
                m.put("domain", domain);
                m.put("template_version", template.version());
                m.put("template_origin", template.origin());
                m.putAll(TemplatesCommand.trial(result));
                m.put("source", result.source());
                m.put("stored_version", stored);
                out.println(TemplatesCommand.JSON.writeValueAsString(m));
            } else {
                if (result.source() != null) {
                    out.println(result.source());
                }
                out.println("method:   " + result.method() + " (key " + key + ")");
                out.println("template: " + domain + " v" + template.version() + " (" + template.origin() + ")");
                out.println("verdict:  " + result.verdict());
                result.notes().forEach(n -> out.println("  note: " + n));
                if (stored != null) {
                    out.println("stored:   " + stored + " of " + key + " under " + a.home() + " (candidate)");
                } else if (result.passed()) {
                    out.println("stored:   nothing (--dry-run)");
                }
            }
            return result.passed() ? 0 : 1;
        } catch (JsonProcessingException e) {
            err.println("poet generate: " + e.getOriginalMessage());
            return 1;
        } finally {
            target.close();
        }
    }

    private static String store(Path home, String key, Template template, Method method, TrialResult result)
            throws IOException {
        Class<?> type = method.getDeclaringClass();
        String bodyHash = null;
        GenerationFacts.MethodFacts facts = GenerationFacts.read(type.getClassLoader(), type.getName())
                .method(method.getName(), Type.getMethodDescriptor(method));
        if (facts != null) {
            bodyHash = facts.bodyHash();
        }
        VersionMetadata.Builder meta = VersionMetadata.builder().generator("template").templateDomain(template.domain())
                .templateVersion(template.version()).bytecodeHash(bodyHash).status(VersionStatus.CANDIDATE)
                .reason("generated by the command line: " + result.verdict()).audit(AuditRecord.pass())
                .enhancementClass(result.enhancementClass());
        result.timingsMs().forEach(meta::timing);
        StoredVersion saved = new VersionStore(home).save(MethodKey.parse(key), result.source(),
                ClassBytes.of(result.classes()), new LinkedHashMap<>(template.defaults()), meta.build(), false);
        return saved.name();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("poet generate: " + problem);
        err.println("try: java -jar poet-agent.jar generate --help");
        return 2;
    }

    /** The method to generate for, its class loaded in an isolated loader. */
    private static final class Target {
        final Method method;
        final URLClassLoader loader;

        private Target(Method method, URLClassLoader loader) {
            this.method = method;
            this.loader = loader;
        }

        static Target find(Path location, String methodArg, String classpath) throws UsageException {
            if (!Files.exists(location)) {
                throw new UsageException("no file or folder " + location);
            }
            Path root = location;
            String className;
            String methodSpec;
            if (Files.isRegularFile(location) && location.toString().endsWith(".class")) {
                className = classNameOf(location);
                root = rootOf(location, className);
                methodSpec = methodArg.startsWith(className + ".") ? methodArg.substring(className.length() + 1)
                        : methodArg;
            } else {
                int paren = methodArg.indexOf('(');
                String head = paren < 0 ? methodArg : methodArg.substring(0, paren);
                int dot = head.lastIndexOf('.');
                if (dot <= 0 || dot == head.length() - 1) {
                    throw new UsageException("method '" + methodArg + "': give com.acme.Class.method");
                }
                className = head.substring(0, dot);
                methodSpec = methodArg.substring(dot + 1);
            }
            List<URL> urls = new ArrayList<>();
            try {
                urls.add(root.toUri().toURL());
                if (classpath != null) {
                    for (String entry : classpath.split(java.io.File.pathSeparator)) {
                        if (!entry.isEmpty()) {
                            urls.add(Path.of(entry).toUri().toURL());
                        }
                    }
                }
            } catch (java.net.MalformedURLException e) {
                throw new UsageException("bad class path entry: " + e.getMessage());
            }
            // The application's classes, isolated from ours: the JDK's platform classes are their only parent.
            URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            try {
                Class<?> type = Class.forName(className, false, loader);
                return new Target(pick(type, methodSpec), loader);
            } catch (ClassNotFoundException e) {
                close(loader);
                throw new UsageException("no class " + className + " in " + location);
            } catch (LinkageError e) {
                close(loader);
                throw new UsageException(className + " cannot be loaded (" + e + "); give what it needs with --classpath");
            } catch (UsageException e) {
                close(loader);
                throw e;
            }
        }

        private static Method pick(Class<?> type, String spec) throws UsageException {
            int paren = spec.indexOf('(');
            String name = paren < 0 ? spec : spec.substring(0, paren);
            String descriptor = paren < 0 ? null : spec.substring(paren);
            List<Method> found = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (Method m : type.getDeclaredMethods()) {
                if (m.isSynthetic() || m.isBridge() || Modifier.isAbstract(m.getModifiers())
                        || Modifier.isNative(m.getModifiers())) {
                    continue;
                }
                all.add(m.getName() + Type.getMethodDescriptor(m));
                if (m.getName().equals(name) && (descriptor == null || descriptor.equals(Type.getMethodDescriptor(m)))) {
                    found.add(m);
                }
            }
            if (found.isEmpty()) {
                throw new UsageException("no method " + spec + " in " + type.getName() + " (methods: "
                        + String.join(", ", all) + ")");
            }
            if (found.size() > 1) {
                List<String> overloads = found.stream().map(m -> m.getName() + Type.getMethodDescriptor(m)).toList();
                throw new UsageException(name + " is overloaded in " + type.getName() + "; name one: "
                        + String.join(", ", overloads));
            }
            return found.get(0);
        }

        private static String classNameOf(Path classFile) throws UsageException {
            try (InputStream in = Files.newInputStream(classFile)) {
                return new ClassReader(in).getClassName().replace('/', '.');
            } catch (IOException | RuntimeException e) {
                throw new UsageException(classFile + " is not a class file: " + e.getMessage());
            }
        }

        /** The class folder: the .class file's folder, up one level per package segment. */
        private static Path rootOf(Path classFile, String className) throws UsageException {
            Path root = classFile.toAbsolutePath().getParent();
            String[] parts = className.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                if (root == null || !root.getFileName().toString().equals(parts[parts.length - 2 - i])) {
                    throw new UsageException(classFile + " holds " + className
                            + " but is not in its package's folder; give the class folder instead");
                }
                root = root.getParent();
            }
            return root;
        }

        void close() {
            close(loader);
        }

        private static void close(URLClassLoader loader) {
            try {
                loader.close();
            } catch (IOException e) {
                // Nothing of the class is used after the command.
            }
        }
    }
}
