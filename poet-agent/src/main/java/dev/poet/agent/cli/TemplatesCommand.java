package dev.poet.agent.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.templates.TemplateCatalog;
import dev.poet.core.templates.TemplateException;
import dev.poet.core.templates.TrialProblem;
import dev.poet.core.templates.TrialResult;

/** {@code templates list|show|validate}: the domain templates of a {@code poet.home}, without an application. */
final class TemplatesCommand {

    static final String USAGE = String.join("\n",
            "usage: java -jar poet-agent.jar templates list [--home DIR] [--templates-dir DIR] [--json]",
            "       java -jar poet-agent.jar templates show <domain> [version] [--home DIR] [--templates-dir DIR] [--json]",
            "       java -jar poet-agent.jar templates validate <folder> [--domain D] [--home DIR] [--json]",
            "",
            "  list      every domain: the template in effect (user version, poet.templates.dir or bundled) and",
            "            its versions",
            "  show      the files of the template in effect, or of a version (v1, v2, ..., folder, bundled)",
            "  validate  renders, compiles, audits and verifies a template folder (template.properties,",
            "            Enhancement.java.mustache, prompt.md; files it lacks come from the domain's template) on",
            "            the domain's sample method, as POST /api/v1/templates/{domain} would; stores nothing",
            "  --home DIR           the application's poet.home (default ./.poet)",
            "  --templates-dir DIR  the application's poet.templates.dir",
            "  --domain D           the domain a folder is validated as (default: the folder's name)",
            "  --json               JSON instead of the human form",
            "Exit codes: 0 done (validate: passed), 1 refused or failed, 2 bad arguments.");

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    int run(List<String> args, PrintStream out, PrintStream err) {
        CommandArguments a;
        try {
            a = CommandArguments.parse(args, Set.of("home", "templates-dir", "domain"), Set.of("json", "help"));
            if (a.flag("help")) {
                out.println(USAGE);
                return 0;
            }
            if (a.positional.isEmpty()) {
                throw new UsageException("say list, show <domain> [version] or validate <folder>");
            }
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        TemplateRepository repository = new TemplateRepository(a.home(), a.path("templates-dir"),
                TemplatesCommand.class.getClassLoader());
        TemplateCatalog catalog = new TemplateCatalog(repository, Clock.systemUTC());
        boolean json = a.flag("json");
        String sub = a.positional.get(0);
        try {
            switch (sub) {
                case "list":
                    if (a.positional.size() != 1 || a.options.containsKey("domain")) {
                        return usage(err, "list takes no arguments but --home, --templates-dir and --json");
                    }
                    return list(catalog, json, out);
                case "show":
                    if (a.positional.size() < 2 || a.positional.size() > 3 || a.options.containsKey("domain")) {
                        return usage(err, "show <domain> [version]");
                    }
                    return show(catalog, a.positional.get(1), a.positional.size() == 3 ? a.positional.get(2) : null,
                            json, out);
                case "validate":
                    if (a.positional.size() != 2) {
                        return usage(err, "validate <folder>");
                    }
                    Path folder = Path.of(a.positional.get(1));
                    if (!Files.isDirectory(folder)) {
                        return usage(err, "no folder " + folder);
                    }
                    return validate(catalog, folder, a.options.get("domain"), json, out);
                default:
                    return usage(err, "unknown subcommand '" + sub + "'; say list, show or validate");
            }
        } catch (TemplateException e) {
            if (e.kind().equals("bad_request") || e.kind().equals("not_found")) {
                return usage(err, e.getMessage());
            }
            err.println("poet templates: " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            err.println("poet templates: " + e.getOriginalMessage());
            return 1;
        }
    }

    private static int list(TemplateCatalog catalog, boolean json, PrintStream out)
            throws TemplateException, JsonProcessingException {
        List<TemplateCatalog.DomainInfo> all = catalog.list();
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (TemplateCatalog.DomainInfo d : all) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("domain", d.domain());
                row.put("version", d.effective() == null ? null : d.effective().version());
                row.put("source", d.effective() == null ? null : d.effective().source().label());
                row.put("template_version", d.effective() == null ? null : d.effective().templateVersion());
                row.put("description", d.effective() == null ? null : d.effective().description());
                row.put("current", d.current());
                List<Object> versions = new ArrayList<>();
                d.versions().forEach(v -> versions.add(version(v)));
                row.put("versions", versions);
                rows.add(row);
            }
            out.println(JSON.writeValueAsString(Map.of("templates", rows)));
            return 0;
        }
        out.printf("%-16s %-10s %-10s %-10s %s%n", "DOMAIN", "IN EFFECT", "FROM", "TEMPLATE", "VERSIONS");
        for (TemplateCatalog.DomainInfo d : all) {
            out.printf("%-16s %-10s %-10s %-10s %s%n", d.domain(),
                    d.effective() == null ? "-" : d.effective().version(),
                    d.effective() == null ? "-" : d.effective().source().label(),
                    d.effective() == null ? "-" : d.effective().templateVersion(),
                    String.join(", ", d.versions().stream().map(TemplateCatalog.VersionInfo::version).toList()));
        }
        return 0;
    }

    private static int show(TemplateCatalog catalog, String domain, String version, boolean json, PrintStream out)
            throws TemplateException, JsonProcessingException {
        TemplateCatalog.VersionFiles files = catalog.show(domain, version);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("domain", domain);
            m.putAll(version(files.info()));
            m.put("metadata", files.metadata());
            m.put("files", files.files());
            out.println(JSON.writeValueAsString(m));
            return 0;
        }
        TemplateCatalog.VersionInfo v = files.info();
        out.println("domain " + domain + ", version " + v.version() + " (" + v.source().label() + ", template version "
                + v.templateVersion() + (v.current() ? ", in effect" : "") + ")");
        if (v.author() != null) {
            out.println("by " + v.author() + " at " + v.createdAt());
        }
        if (v.description() != null && !v.description().isEmpty()) {
            out.println(v.description());
        }
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            out.println();
            out.println("=== " + f.getKey() + " ===");
            out.print(f.getValue().endsWith("\n") ? f.getValue() : f.getValue() + "\n");
        }
        return 0;
    }

    private static int validate(TemplateCatalog catalog, Path folder, String domain, boolean json, PrintStream out)
            throws TemplateException, JsonProcessingException {
        TrialResult result;
        try {
            result = catalog.validateFolder(folder, domain);
        } catch (TemplateException e) {
            if (!e.kind().equals("refused")) {
                throw e;
            }
            result = new TrialResult(null, null, Map.of(), null, e.problem(), List.of(), Map.of());
        }
        if (json) {
            out.println(JSON.writeValueAsString(trial(result)));
        } else {
            if (result.method() != null) {
                out.println("tried on " + result.method());
            }
            out.println(result.verdict());
            result.notes().forEach(n -> out.println("  note: " + n));
        }
        return result.passed() ? 0 : 1;
    }

    static Map<String, Object> version(TemplateCatalog.VersionInfo v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("source", v.source().label());
        out.put("template_version", v.templateVersion());
        out.put("created_at", v.createdAt() == null ? null : v.createdAt().toString());
        out.put("updated_at", v.updatedAt() == null ? null : v.updatedAt().toString());
        out.put("author", v.author());
        out.put("description", v.description());
        out.put("current", v.current());
        return out;
    }

    static Map<String, Object> trial(TrialResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("passed", r.passed());
        out.put("method", r.method());
        out.put("verdict", r.verdict());
        TrialProblem p = r.problem();
        if (p != null) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("stage", p.stage());
            problem.put("file", p.file());
            problem.put("line", p.line() == 0 ? null : p.line());
            problem.put("reason", p.reason());
            out.put("problem", problem);
        }
        out.put("notes", r.notes());
        out.put("timings_ms", r.timingsMs());
        return out;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("poet templates: " + problem);
        err.println("try: java -jar poet-agent.jar templates --help");
        return 2;
    }
}
