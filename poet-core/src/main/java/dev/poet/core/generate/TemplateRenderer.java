package dev.poet.core.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

/**
 * Renders a domain template into the Java source of one compilation unit holding the enhancements of several
 * methods of one class. Templates are Mustache: variables {@code {{name}}}, sections over {@code methods} and
 * {@code params}, flags such as {@code {{#kind.isFloating}}}; partials ({@code {{> name}}}) come from
 * {@link Template#partials()}, rendered in the context where they are included. Missing variables and partials
 * are errors, not blanks.
 */
public final class TemplateRenderer {

    /** Package of every generated class. */
    public static final String PACKAGE = "dev.poet.gen";

    private final Mustache.Compiler mustache = Mustache.compiler().escapeHTML(false).strictSections(false);
    /** Parsed templates, by identity: a class with hundreds of methods parses once. */
    private final Map<Template, com.samskivert.mustache.Template> parsed =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /**
     * @param unitName simple name of the outer generated class
     * @return the unit's Java source
     */
    public String render(Template template, String unitName, String instrumentedClass, List<MethodModel> methods)
            throws RenderFailure {
        Map<String, Object> context = new HashMap<>();
        context.put("package", PACKAGE);
        context.put("unit", unitName);
        context.put("instrumentedClass", instrumentedClass);
        context.put("domain", template.domain());
        context.put("templateVersion", template.version());
        context.put("methods", methods);
        try {
            com.samskivert.mustache.Template compiled = parsed.get(template);
            if (compiled == null) {
                compiled = mustache.withLoader(partialsOf(template)).compile(template.source());
                parsed.put(template, compiled);
            }
            return compiled.execute(context);
        } catch (MustacheException | IllegalArgumentException e) {
            throw new RenderFailure("template '" + template.domain() + "' v" + template.version()
                    + " (" + template.origin() + ") did not render: " + e.getMessage(), e);
        }
    }

    private static Mustache.TemplateLoader partialsOf(Template template) {
        return name -> {
            String text = template.partials().get(name);
            if (text == null) {
                throw new IllegalArgumentException("no partial '" + name + "' (known: "
                        + new java.util.TreeSet<>(template.partials().keySet()) + ")");
            }
            return new java.io.StringReader(text);
        };
    }
}
