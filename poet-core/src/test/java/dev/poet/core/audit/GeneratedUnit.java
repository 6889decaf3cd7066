package dev.poet.core.audit;

import java.util.Map;

import org.codehaus.janino.SimpleCompiler;

/**
 * Test helper: compiles a generated enhancement's source with Janino, as the engine does, and returns every class
 * it defines (top-level, inner, anonymous).
 */
final class GeneratedUnit {

    private GeneratedUnit() {
    }

    /** Compiles {@code source}; fails the test with Janino's message when it does not compile. */
    static Map<String, byte[]> compile(String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(GeneratedUnit.class.getClassLoader());
        try {
            compiler.cook(source);
        } catch (Exception e) {
            throw new AssertionError("Janino did not compile the test source: " + e.getMessage() + "\n" + source, e);
        }
        return compiler.getBytecodes();
    }

    /**
     * The source of an enhancement class {@code Gen} whose perceive runs {@code perceiveBody} and then returns
     * {@code args}; {@code members} are further members of the class.
     */
    static String enhancement(String perceiveBody, String members) {
        return "import dev.poet.bridge.*;\n"
                + "import dev.poet.runtime.*;\n"
                + "public class Gen implements Enhancement {\n"
                + members + "\n"
                + "  public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + perceiveBody + "\n"
                + "    return args;\n"
                + "  }\n"
                + "  public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
    }

    /** An enhancement whose perceive is exactly {@code perceiveMethodBody} (it must return or never complete). */
    static String enhancementWithPerceive(String perceiveMethodBody) {
        return "import dev.poet.bridge.*;\n"
                + "public class Gen implements Enhancement {\n"
                + "  public Object[] perceive(Call call, Object[] args) throws Throwable {\n"
                + perceiveMethodBody + "\n"
                + "  }\n"
                + "  public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
    }
}
