package dev.poet.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.FutureTask;

import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.MethodSpec;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Routes selected methods through the inlined advice at class-load time (and on retransformation). A cheap
 * filter runs first on every class: only classes listed in configuration or whose bytes mention {@code @Poet}
 * are described (from their bytes, never by loading anything) and woven by the {@link AdviceWeaver}.
 */
final class PoetTransformer implements ClassFileTransformer {

    private final Selection selection;
    private final MethodRegistry registry;
    private final BridgeVisibility visibility;
    private final BridgeReadEdge readEdge;
    private final FutureTask<AdviceWeaver> weaver;

    /**
     * The weaver (Byte Buddy's {@code Advice}, parsed once) is built on a background thread: most applications
     * load many classes before the first one we instrument.
     */
    PoetTransformer(Selection selection, MethodRegistry registry, BridgeVisibility visibility,
                    BridgeReadEdge readEdge) {
        this.selection = selection;
        this.registry = registry;
        this.visibility = visibility;
        this.readEdge = readEdge;
        this.weaver = new FutureTask<>(AdviceWeaver::new);
        Thread builder = new Thread(weaver, "poet-init");
        builder.setDaemon(true);
        builder.start();
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
        try {
            if (!eligible(loader, className)) {
                return null;
            }
            if (!selection.selectsClass(className.replace('/', '.')) && !PoetAnnotation.mentionedIn(classFile)) {
                return null;
            }
            if (PoetLog.enabled(PoetLog.Level.DEBUG)) {
                PoetLog.debug("candidate class " + className + " in " + loader);
            }
            byte[] woven = instrument(loader, className.replace('/', '.'), classFile);
            if (woven != null) {
                // Before the class is defined: its advice refers to the bridge from wherever the class lives.
                readEdge.assure(module);
            }
            return woven;
        } catch (Throwable t) {
            PoetLog.suppressed("could not instrument " + className + "; it runs unchanged", t);
            return null;
        }
    }

    /** The woven class file, or null when the class turns out not to be selected or has no method to route. */
    private byte[] instrument(ClassLoader loader, String name, byte[] classFile) throws Exception {
        // As AgentBuilder's POOL_ONLY/FAST strategy: the class and what it refers to are read as bytes, lazily.
        TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                        ClassFileLocator.ForClassLoader.of(loader)),
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        if (!selectsType(type) || !visibility.sees(loader)) {
            PoetLog.debug("not selected: " + name);
            return null;
        }
        AnnotationDescription onClass = PoetAnnotation.find(type.getDeclaredAnnotations());
        int[] routed = {0};
        AdviceWeaver adviceWeaver = weaver();
        byte[] woven = adviceWeaver.weave(type, pool, classFile, method -> isEnhanceable(method)
                        && (PoetAnnotation.find(method.getDeclaredAnnotations()) != null
                        || (onClass != null && !method.isPrivate())
                        || selection.selectsMethod(type.getName(), method.getName())),
                method -> {
                    routed[0]++;
                    return registry.register(loader, spec(type, method, onClass));
                });
        return routed[0] == 0 ? null : woven;
    }

    private AdviceWeaver weaver() throws Exception {
        // FutureTask runs the build once: a class loaded before poet-init started it builds it on its own
        // thread; one loaded while poet-init runs it waits for the result.
        weaver.run();
        return weaver.get();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classFile);
    }

    private boolean selectsType(TypeDescription type) {
        if (selection.selectsClass(type.getName()) || PoetAnnotation.find(type.getDeclaredAnnotations()) != null) {
            return true;
        }
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (PoetAnnotation.find(method.getDeclaredAnnotations()) != null) {
                return true;
            }
        }
        return false;
    }

    /** Constructors, initialisers, abstract, native, bridge and synthetic methods are never touched. */
    private static boolean isEnhanceable(MethodDescription method) {
        return method.isMethod() && !method.isAbstract() && !method.isNative() && !method.isBridge()
                && !method.isSynthetic();
    }

    private static MethodSpec spec(TypeDescription type, MethodDescription method, AnnotationDescription onClass) {
        AnnotationDescription onMethod = PoetAnnotation.find(method.getDeclaredAnnotations());
        return new MethodSpec(type.getName(), method.getInternalName(), method.getDescriptor(), method.getModifiers(),
                PoetAnnotation.settings(onMethod != null ? onMethod : onClass));
    }
}
