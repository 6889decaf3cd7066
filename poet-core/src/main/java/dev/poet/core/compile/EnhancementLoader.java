package dev.poet.core.compile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.bridge.Enhancement;

/**
 * Defines the generated enhancement classes of one instrumented class, and resolves only what generated code may
 * see, because it is untrusted: allow-listed JDK types, the phase runtime in the bridge, and the application
 * types of the enhanced methods' signatures (taken from the instrumented class's own loader). Janino compiles
 * against the same loader, so a source that names anything else fails to compile instead of failing later.
 */
public final class EnhancementLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String instrumentedClass;
    private final Map<String, Class<?>> applicationTypes;
    private final Map<String, byte[]> generated = new ConcurrentHashMap<>();
    private final ClassLoader bridgeLoader = Enhancement.class.getClassLoader();

    /**
     * @param instrumentedClass binary name of the class whose methods are enhanced, for messages
     * @param applicationTypes  application classes generated code may name, by binary name
     */
    public EnhancementLoader(String instrumentedClass, Map<String, Class<?>> applicationTypes) {
        super(null);
        this.instrumentedClass = instrumentedClass;
        this.applicationTypes = Map.copyOf(applicationTypes);
    }

    /**
     * What the compiler resolves against: the same application and runtime types, and every JDK class. Janino
     * loads the signatures of every member of a class it uses ({@code String} mentions {@code java.util.stream}
     * and {@code java.lang.invoke}), so hiding JDK packages at compile time breaks ordinary code; the bytecode
     * audit decides member by member what generated code may use, and this loader still refuses, at definition
     * time, any JDK class outside the allow-list.
     */
    public ClassLoader compilationView() {
        return compilationView;
    }

    private final ClassLoader compilationView = new ClassLoader(null) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Class<?> app = applicationTypes.get(name);
            if (app != null) {
                return app;
            }
            if (GeneratedCodeVisibility.isPoetRuntime(name)) {
                return Class.forName(name, false, bridgeLoader);
            }
            return Class.forName(name, false, null);
        }
    };

    /** Makes compiled classes definable; a class already defined under a name keeps its first definition. */
    public void addClasses(Map<String, byte[]> classes) {
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            generated.putIfAbsent(entry.getKey(), entry.getValue());
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = resolveVisible(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> resolveVisible(String name) throws ClassNotFoundException {
        byte[] bytes = generated.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        Class<?> app = applicationTypes.get(name);
        if (app != null) {
            return app;
        }
        if (GeneratedCodeVisibility.isPoetRuntime(name)) {
            return Class.forName(name, false, bridgeLoader);
        }
        if (GeneratedCodeVisibility.jdkClassVisible(name)) {
            return Class.forName(name, false, null);
        }
        throw new ClassNotFoundException(name + " is not visible to code generated for " + instrumentedClass);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return loadClass(name, false);
    }

    @Override
    public String toString() {
        return "EnhancementLoader[" + instrumentedClass + "]";
    }
}
