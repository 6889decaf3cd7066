package dev.poet.agent.install;

import java.util.function.ToIntFunction;

import dev.poet.agent.advice.MethodId;
import dev.poet.agent.advice.MethodIdMapping;
import dev.poet.agent.advice.ValueAdvice;
import dev.poet.agent.advice.VoidAdvice;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.CompoundList;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines {@link ValueAdvice} / {@link VoidAdvice} into the chosen methods of one class file, straight on ASM:
 * what {@code AgentBuilder} with {@code disableClassFormatChanges()} does, without its type-building machinery
 * (about a thousand classes that the first transformation would otherwise load).
 *
 * <p>Format changes stay impossible: the implementation context is Byte Buddy's {@code Disabled} one, which
 * refuses to add any field, accessor or initialiser, so a transformation that would need one fails and the
 * class loads unchanged. Frames are left as the class file has them; {@code Advice} translates them itself, as
 * it does under {@code AgentBuilder} (no {@code EXPAND_FRAMES}, no {@code COMPUTE_FRAMES}).
 *
 * <p>The two {@code Advice} instances are parsed once. The {@link MethodId} of a method depends on the class
 * being woven (its loader, its annotations), which {@code Advice} cannot be told per call, so the id function
 * in effect for the current thread's weave is held in a thread-local.
 */
final class AdviceWeaver {

    private final ThreadLocal<ToIntFunction<MethodDescription>> ids = new ThreadLocal<>();
    private final Advice valueAdvice;
    private final Advice voidAdvice;

    AdviceWeaver() {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping()
                .bind(MethodId.class, new MethodIdMapping(this::idOf));
        this.valueAdvice = mapping.to(ValueAdvice.class);
        this.voidAdvice = mapping.to(VoidAdvice.class);
    }

    private int idOf(MethodDescription method) {
        ToIntFunction<MethodDescription> current = ids.get();
        if (current == null) {
            throw new IllegalStateException("advice resolved outside of a weave");
        }
        return current.applyAsInt(method);
    }

    /**
     * Returns {@code classFile} with the advice inlined into every method {@code selected} matches, each given
     * the slot {@code idOf} returns for it.
     *
     * @param type the class described from {@code classFile} through {@code pool}
     */
    byte[] weave(TypeDescription type, TypePool pool, byte[] classFile, ElementMatcher<? super MethodDescription> selected,
                 ToIntFunction<MethodDescription> idOf) {
        AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods()
                .method(method -> selected.matches(method) && !returnsVoid(method), valueAdvice)
                .method(method -> selected.matches(method) && returnsVoid(method), voidAdvice);
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(classFile);
        // Sharing the reader's constant pool keeps unchanged methods byte-for-byte and makes writing cheap.
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("poet"), TypeInitializer.None.INSTANCE, version, version,
                Implementation.Context.FrameGeneration.DISABLED);
        MethodList<?> methods = new MethodList.Explicit<MethodDescription>(CompoundList.<MethodDescription>of(
                type.getDeclaredMethods(), new MethodDescription.Latent.TypeInitializer(type)));
        ClassVisitor visitor = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(), methods,
                writerFlags, readerFlags);
        ToIntFunction<MethodDescription> previous = ids.get();
        ids.set(idOf);
        try {
            reader.accept(visitor, readerFlags);
        } finally {
            if (previous == null) {
                ids.remove();
            } else {
                ids.set(previous);
            }
        }
        return writer.toByteArray();
    }

    private static boolean returnsVoid(MethodDescription method) {
        return method.getReturnType().represents(void.class);
    }
}
