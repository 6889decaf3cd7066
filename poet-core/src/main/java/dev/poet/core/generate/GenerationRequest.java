package dev.poet.core.generate;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * What a source generator is asked for: the enhancement of one method, as one Java class.
 *
 * @param method          the instrumented method
 * @param className       binary name the generated class must have, e.g. {@code dev.poet.gen.Poet_Pricing_quote_1a2b3c4d};
 *                        it implements {@code dev.poet.bridge.Enhancement} and has a public constructor taking
 *                        {@code dev.poet.bridge.MethodContext}
 * @param parameterNames  the method's parameter names, from the class file where present
 * @param template        the method's domain template (its {@code prompt.md} instructs an LLM)
 * @param templateExample the template's own rendering for this method: a known-good answer to improve on
 * @param params          the method's effective parameters (domain defaults, annotation, configuration)
 * @param objective       {@code optimize-for}, or {@code null} when Train is off
 * @param classFile       the instrumented class's original class file, or {@code null} when unreadable
 * @param evidence        why Train asks for a better version (the objective's rates, feedback reasons, learned
 *                        parameter history, as text), with {@code templateExample} then the running version's
 *                        source; {@code null} for a first generation
 */
public record GenerationRequest(Method method, String className, String[] parameterNames, Template template,
                                String templateExample, Map<String, Object> params, String objective,
                                byte[] classFile, String evidence) {

    /** A first generation: no evidence. */
    public GenerationRequest(Method method, String className, String[] parameterNames, Template template,
                             String templateExample, Map<String, Object> params, String objective,
                             byte[] classFile) {
        this(method, className, parameterNames, template, templateExample, params, objective, classFile, null);
    }
}
