package com.example.isolated;

import java.io.InputStream;

/**
 * Loads a {@code @Poet} class through a class loader that, like some module systems, refuses every class outside
 * {@code java.*} and its own: it cannot see the POET bridge, so the agent must leave its classes alone.
 */
public class Isolated {

    /** The class the isolating loader defines. */
    public static class Guarded {
        @dev.poet.api.Poet
        public int triple(int x) {
            return 3 * x;
        }
    }

    static final class IsolatingLoader extends ClassLoader {
        IsolatingLoader() {
            super(null);
        }

        /** Its own class files are readable as resources, as in any real module system. */
        @Override
        public java.net.URL getResource(String name) {
            if (name.startsWith("com/example/isolated/") || name.startsWith("dev/poet/api/")) {
                return Isolated.class.getClassLoader().getResource(name);
            }
            return super.getResource(name);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                if (name.startsWith("java.")) {
                    return super.loadClass(name, resolve);
                }
                if (!name.startsWith("com.example.isolated.") && !name.startsWith("dev.poet.api.")) {
                    throw new ClassNotFoundException(name + " is not visible here");
                }
                try (InputStream in = Isolated.class.getClassLoader()
                        .getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (Exception e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Class<?> guarded = new IsolatingLoader().loadClass(Guarded.class.getName());
        Object instance = guarded.getConstructor().newInstance();
        int total = 0;
        for (int i = 0; i < 4; i++) {
            total += (Integer) guarded.getMethod("triple", int.class).invoke(instance, i);
        }
        System.out.println("total " + total);
    }
}
