package dev.poet.agent.install;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What selection needs from a class file as it is being loaded, read with a single ASM pass over its declarations
 * (no code): its methods' access flags, names and descriptors, and the class's and its methods' {@code @Poet}
 * values. Selection-time only: what generation later reads from the original class file (parameter names,
 * constraint annotations, the hash of each body) is {@code dev.poet.core.model.GenerationFacts}, read in the
 * engine once a method is activated.
 */
final class SelectionFacts {

    private static final String DESCRIPTOR = "L" + PoetAnnotation.NAME.replace('.', '/') + ";";
    private static final String[] ELEMENTS = {"domain", "optimizeFor", "retries", "timeoutMs", "idempotent"};

    /** One declared method: access flags (as in the class file, 16 bits), name, descriptor, {@code @Poet} values or null. */
    static final class Method {
        final int access;
        final String name;
        final String descriptor;
        Map<String, Object> poet;

        Method(int access, String name, String descriptor) {
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
        }

        boolean isPrivate() {
            return (access & Opcodes.ACC_PRIVATE) != 0;
        }

        /** Constructors, initialisers, abstract, native, bridge and synthetic methods are never touched. */
        boolean isEnhanceable() {
            return name.charAt(0) != '<' && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE
                    | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0;
        }
    }

    Map<String, Object> classPoet;
    final List<Method> methods = new ArrayList<>();
    final Map<String, Method> byNameAndDescriptor = new HashMap<>();

    static SelectionFacts read(byte[] classFile) {
        SelectionFacts facts = new SelectionFacts();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                if (!DESCRIPTOR.equals(descriptor)) {
                    return null;
                }
                facts.classPoet = new HashMap<>();
                return values(facts.classPoet);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                Method method = new Method(access & 0xFFFF, name, descriptor);
                facts.methods.add(method);
                facts.byNameAndDescriptor.put(name + descriptor, method);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (!DESCRIPTOR.equals(annotation)) {
                            return null;
                        }
                        method.poet = new HashMap<>();
                        return values(method.poet);
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return facts;
    }

    private static AnnotationVisitor values(Map<String, Object> into) {
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                into.put(name, value);
            }
        };
    }

    /**
     * The settings an annotation spells out, keyed as in configuration, in the annotation's declaration order;
     * values left at their defaults (or absent) are omitted so domain defaults apply. The annotation's defaults
     * ("", -1, true) are never written into class files, so absent and default are the same here.
     */
    static Map<String, String> settings(Map<String, Object> poet) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (poet == null) {
            return settings;
        }
        for (String element : ELEMENTS) {
            Object value = poet.get(element);
            if (value == null) {
                continue;
            }
            switch (element) {
                case "domain":
                    putIfSet(settings, "domain", value.toString());
                    break;
                case "optimizeFor":
                    putIfSet(settings, "optimize-for", value.toString());
                    break;
                case "retries":
                    if (value instanceof Number && ((Number) value).intValue() >= 0) {
                        settings.put("retries", value.toString());
                    }
                    break;
                case "timeoutMs":
                    if (value instanceof Number && ((Number) value).longValue() >= 0) {
                        settings.put("timeout-ms", value.toString());
                    }
                    break;
                case "idempotent":
                    if (Boolean.FALSE.equals(value)) {
                        settings.put("idempotent", "false");
                    }
                    break;
                default:
                    break;
            }
        }
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (!value.isBlank()) {
            settings.put(key, value.trim());
        }
    }
}
