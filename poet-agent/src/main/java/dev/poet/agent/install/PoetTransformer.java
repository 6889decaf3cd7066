package dev.poet.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Map;

import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.MethodSpec;

/**
 * Routes selected methods through the method-entry hook at class-load time (and on retransformation). A cheap
 * filter runs first on every class: only classes listed in configuration or whose bytes mention {@code @Poet}
 * are read (from their bytes, never by loading anything). For those, the transformer plans first, selecting the
 * methods and registering each with the {@link MethodRegistry} into a {@link RoutingPlan}, then has the
 * {@link EntryHookWeaver} weave from that plan. On a retransformation (a change of selection), methods routed
 * before that the new plan leaves out are deselected in the registry.
 */
final class PoetTransformer implements ClassFileTransformer {

    private final Selection selection;
    private final MethodRegistry registry;
    private final BridgeVisibility visibility;
    private final BridgeReadEdge readEdge;
    private final EntryHookWeaver weaver = new EntryHookWeaver();

    PoetTransformer(Selection selection, MethodRegistry registry, BridgeVisibility visibility,
                    BridgeReadEdge readEdge) {
        this.selection = selection;
        this.registry = registry;
        this.visibility = visibility;
        this.readEdge = readEdge;
    }

    /** Whether {@code className} (internal form) of {@code loader} could be instrumented at all. */
    static boolean eligible(ClassLoader loader, String internalName) {
        return loader != null && internalName != null
                && !isOurs(internalName) && !internalName.startsWith("java/")
                && !internalName.startsWith("javax/") && !internalName.startsWith("jdk/")
                && !internalName.startsWith("sun/") && !internalName.startsWith("com/sun/");
    }

    /** The agent's own packages (the sample application, also under dev/poet, is fair game). */
    private static boolean isOurs(String internalName) {
        return internalName.startsWith("dev/poet/bridge/") || internalName.startsWith("dev/poet/runtime/")
                || internalName.startsWith("dev/poet/core/") || internalName.startsWith("dev/poet/agent/")
                || internalName.startsWith("dev/poet/llm/") || internalName.startsWith("dev/poet/shaded/")
                || internalName.startsWith("dev/poet/gen/") || internalName.startsWith("dev/poet/api/");
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        RoutingPlan plan = null;
        try {
            if (!eligible(loader, className)) {
                return null;
            }
            // One selection for the whole class, even if it is replaced meanwhile.
            Selection selection = this.selection.current();
            String name = className.replace('/', '.');
            if (!selection.selectsClass(name) && !PoetAnnotation.mentionedIn(classFile)) {
                return null;
            }
            if (PoetLog.enabled(PoetLog.Level.DEBUG)) {
                PoetLog.debug("candidate class " + className + " in " + loader);
            }
            plan = instrument(selection, loader, name, classFile);
            if (plan == null) {
                return null;
            }
            byte[] woven = weaver.weave(classFile, plan);
            // Before the class is defined: its entry hook refers to the bridge from wherever the class lives.
            readEdge.assure(module);
            return woven;
        } catch (Throwable t) {
            plan = null;
            PoetLog.suppressed("could not instrument " + className + "; it runs unchanged", t);
            return null;
        } finally {
            if (classBeingRedefined != null) {
                releaseUnrouted(loader, className, plan);
            }
        }
    }

    /**
     * After a retransformation, the methods of the class that were routed before and are not now run their
     * original code (the JVM restores the class file as loaded when we return {@code null}): their slots are
     * deselected, so status shows them so and selecting them again starts over.
     */
    private void releaseUnrouted(ClassLoader loader, String internalName, RoutingPlan plan) {
        try {
            for (MethodRegistry.Registered registered : registry.registeredIn(loader, internalName.replace('/', '.'))) {
                if (plan == null || plan.idOf(registered.spec().methodName(), registered.spec().descriptor())
                        != registered.id()) {
                    if (registry.deselect(registered.id())) {
                        PoetLog.info("deselected " + registered.spec().className() + "."
                                + registered.spec().methodName() + "; its original code runs");
                    }
                }
            }
        } catch (Throwable t) {
            PoetLog.suppressed("could not release the deselected methods of " + internalName, t);
        }
    }

    /** The plan for the class, or null when it turns out not to be selected or has no method to route. */
    private RoutingPlan instrument(Selection selection, ClassLoader loader, String name, byte[] classFile) {
        // The class's declarations and @Poet values, read from its bytes: nothing is loaded.
        SelectionFacts facts = SelectionFacts.read(classFile);
        if (!selectsType(selection, name, facts) || !visibility.sees(loader)) {
            PoetLog.debug("not selected: " + name);
            return null;
        }
        RoutingPlan plan = plan(selection, loader, name, facts);
        return plan.isEmpty() ? null : plan;
    }

    /** Selects the methods of {@code name} to route and registers each, in declaration order. */
    private RoutingPlan plan(Selection selection, ClassLoader loader, String name, SelectionFacts facts) {
        Map<String, Object> onClass = facts.classPoet;
        RoutingPlan.Builder plan = RoutingPlan.builder();
        for (SelectionFacts.Method method : facts.methods) {
            if (method.isEnhanceable() && (method.poet != null
                    || (onClass != null && !method.isPrivate())
                    || selection.selectsMethod(name, method.name))) {
                plan.route(method.name, method.descriptor, registry.register(loader, spec(name, method, onClass)));
            }
        }
        return plan.build();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classFile);
    }

    private static boolean selectsType(Selection selection, String name, SelectionFacts facts) {
        if (selection.selectsClass(name) || facts.classPoet != null) {
            return true;
        }
        for (SelectionFacts.Method method : facts.methods) {
            if (method.poet != null) {
                return true;
            }
        }
        return false;
    }

    private static MethodSpec spec(String name, SelectionFacts.Method method, Map<String, Object> onClass) {
        return new MethodSpec(name, method.name, method.descriptor, method.access,
                SelectionFacts.settings(method.poet != null ? method.poet : onClass));
    }
}
