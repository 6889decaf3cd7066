package dev.poet.core.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.compile.CompilationFailure;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.core.compile.JaninoCompiler;
import dev.poet.core.generate.MethodModel;
import dev.poet.core.generate.RenderFailure;
import dev.poet.core.generate.Template;
import dev.poet.core.generate.TemplateRenderer;

/**
 * Renders the methods of one class that share a template as one compilation unit (one nested class per method)
 * and compiles it once: Janino's cost is per unit, not per method. Each candidate then gets its own classes and
 * the source of its own class.
 */
final class TemplateUnits {

    private final TemplateRenderer renderer;
    private final JaninoCompiler compiler;

    TemplateUnits(TemplateRenderer renderer, JaninoCompiler compiler) {
        this.renderer = renderer;
        this.compiler = compiler;
    }

    void generate(Class<?> type, Template template, List<Candidate> unit, EnhancementLoader loader)
            throws ActivationFailure {
        List<MethodModel> models = new ArrayList<>();
        for (int i = 0; i < unit.size(); i++) {
            Candidate c = unit.get(i);
            c.model = model("M" + i, c);
            models.add(c.model);
        }
        String unitName = unitName(type, template, unit);
        long start = System.nanoTime();
        String source;
        try {
            source = renderer.render(template, unitName, type.getName(), models);
        } catch (RenderFailure e) {
            throw new ActivationFailure(e.getMessage(), e);
        }
        long rendered = System.nanoTime();
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(unitName + ".java", source, loader.compilationView());
        } catch (CompilationFailure e) {
            throw new ActivationFailure("generated source (template '" + template.domain() + "' v"
                    + template.version() + ") does not compile: " + e.getMessage(), e);
        }
        long compiled = System.nanoTime();
        String outer = TemplateRenderer.PACKAGE + "." + unitName;
        for (Candidate c : unit) {
            c.enhancementClass = outer + "$" + c.model.nested;
            c.classes = classesOf(classes, outer, c.enhancementClass);
            // Each version stores the source of its own class, not the whole unit (which grows with the class).
            c.source = unit.size() == 1 ? source : renderOne(template, unitName, type, c);
            c.timings.put("render", (rendered - start) / 1_000_000);
            c.timings.put("compile", (compiled - rendered) / 1_000_000);
        }
    }

    /** The template's rendering for one method alone, in a unit of its own: an example for a source generator. */
    String example(Class<?> type, Candidate c) {
        try {
            MethodModel model = model("M0", c);
            return renderer.render(c.template, "Example", type.getName(), List.of(model));
        } catch (RenderFailure e) {
            return null;
        }
    }

    private static MethodModel model(String nested, Candidate c) {
        return c.roles == null ? MethodModel.forMethod(nested, c.key.value(), c.method, c.parameterNames, c.facts)
                : MethodModel.forMethod(nested, c.key.value(), c.method, c.parameterNames, c.facts, c.roles);
    }

    private String renderOne(Template template, String unitName, Class<?> type, Candidate c) {
        try {
            return renderer.render(template, unitName, type.getName(), List.of(c.model));
        } catch (RenderFailure e) {
            return "// not rendered alone: " + e.getMessage();
        }
    }

    private static Map<String, byte[]> classesOf(Map<String, byte[]> unit, String outer, String enhancementClass) {
        Map<String, byte[]> mine = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : unit.entrySet()) {
            String name = entry.getKey();
            if (name.equals(outer) || name.equals(enhancementClass) || name.startsWith(enhancementClass + "$")) {
                mine.put(name, entry.getValue());
            }
        }
        return mine;
    }

    /** Unique per generation: stored versions of earlier units can be defined in the same loader beside it. */
    private static String unitName(Class<?> type, Template template, List<Candidate> unit) {
        StringBuilder identity = new StringBuilder(type.getName()).append('|').append(template.domain())
                .append('|').append(template.version());
        for (Candidate c : unit) {
            identity.append('|').append(c.key.value());
        }
        identity.append('|').append(System.nanoTime());
        return "Poet_" + type.getSimpleName().replaceAll("[^A-Za-z0-9_]", "_") + "_" + Hashes.crc(identity.toString());
    }
}
