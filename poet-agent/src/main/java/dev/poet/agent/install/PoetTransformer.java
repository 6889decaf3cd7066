package dev.poet.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.FutureTask;

import dev.poet.agent.advice.MethodId;
import dev.poet.agent.advice.MethodIdMapping;
import dev.poet.agent.advice.ValueAdvice;
import dev.poet.agent.advice.VoidAdvice;
import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.log.PoetLog;
import dev.poet.core.model.MethodSpec;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.returns;

/**
 * Routes selected methods through the inlined advice at class-load time (and on retransformation). A cheap
 * filter runs first on every class: only classes listed in configuration or whose bytes mention {@code @Poet}
 * are handed to Byte Buddy at all.
 */
final class PoetTransformer implements ClassFileTransformer {

    private final Selection selection;
    private final MethodRegistry registry;
    private final BridgeVisibility visibility;
    private final FutureTask<ClassFileTransformer> byteBuddy;

    /**
     * Byte Buddy's transformer is built on a background thread: loading Byte Buddy costs a few hundred
     * milliseconds, and most applications load many classes before the first one we instrument.
     */
    PoetTransformer(Selection selection, MethodRegistry registry, BridgeVisibility visibility) {
        this.selection = selection;
        this.registry = registry;
        this.visibility = visibility;
        this.byteBuddy = new FutureTask<>(this::buildByteBuddy);
        Thread builder = new Thread(byteBuddy, "poet-init");
        builder.setDaemon(true);
        builder.start();
    }

    private ClassFileTransformer buildByteBuddy() {
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new FailureListener())
                .ignore(net.bytebuddy.matcher.ElementMatchers.none())
                .type(this::selectsType)
                .transform(this::instrument)
                .makeRaw();
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
            return byteBuddy().transform(module, loader, className, classBeingRedefined, protectionDomain, classFile);
        } catch (Throwable t) {
            PoetLog.suppressed("could not instrument " + className + "; it runs unchanged", t);
            return null;
        }
    }

    private ClassFileTransformer byteBuddy() throws Exception {
        // A class loaded before the background build finished helps build it (FutureTask runs it once).
        byteBuddy.run();
        return byteBuddy.get();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classFile);
    }

    private boolean selectsType(TypeDescription type, ClassLoader loader, JavaModule module,
                                Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
        if (selection.selectsClass(type.getName()) || PoetAnnotation.find(type.getDeclaredAnnotations()) != null) {
            return visibility.sees(loader);
        }
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (PoetAnnotation.find(method.getDeclaredAnnotations()) != null) {
                return visibility.sees(loader);
            }
        }
        return false;
    }

    private net.bytebuddy.dynamic.DynamicType.Builder<?> instrument(
            net.bytebuddy.dynamic.DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            JavaModule module, ProtectionDomain protectionDomain) {
        AnnotationDescription onClass = PoetAnnotation.find(type.getDeclaredAnnotations());
        ElementMatcher.Junction<MethodDescription> selected = new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
            @Override
            public boolean matches(MethodDescription method) {
                return isEnhanceable(method)
                && (PoetAnnotation.find(method.getDeclaredAnnotations()) != null
                || (onClass != null && !method.isPrivate())
                        || selection.selectsMethod(type.getName(), method.getName()));
            }
        };
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(MethodId.class,
                new MethodIdMapping(method -> registry.register(loader, spec(type, method, onClass))));
        return builder
                .visit(mapping.to(ValueAdvice.class).on(selected.and(net.bytebuddy.matcher.ElementMatchers.not(returns(void.class)))))
                .visit(mapping.to(VoidAdvice.class).on(selected.and(returns(void.class))));
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

    /** Logs a class Byte Buddy could not transform; it then loads unchanged. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onIgnored(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                              boolean loaded) {
            PoetLog.debug("not selected: " + typeDescription.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            PoetLog.suppressed("could not instrument " + typeName + "; it runs unchanged", throwable);
        }
    }
}
