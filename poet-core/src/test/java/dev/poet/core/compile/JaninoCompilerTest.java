package dev.poet.core.compile;

import java.io.File;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.Enhancement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JaninoCompilerTest {

    private final JaninoCompiler compiler = new JaninoCompiler();

    private static String unit(String perceiveBody) {
        return "package dev.poet.gen;\n"
                + "import dev.poet.bridge.*;\n"
                + "public final class U {\n"
                + "  public static final class M0 implements Enhancement {\n"
                + "    public M0(MethodContext ctx) { }\n"
                + "    public Object[] perceive(Call call, Object[] args) throws Throwable { " + perceiveBody + " }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "    public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "  }\n"
                + "}\n";
    }

    @Test
    void compilesEveryClassOfTheUnit() throws Exception {
        EnhancementLoader loader = new EnhancementLoader("test.Target", Map.of());
        Map<String, byte[]> classes = compiler.compile("U.java", unit("return args;"), loader.compilationView());

        assertThat(classes).containsKeys("dev.poet.gen.U", "dev.poet.gen.U$M0");
        loader.addClasses(classes);
        Class<?> m0 = Class.forName("dev.poet.gen.U$M0", true, loader);
        assertThat(Enhancement.class.isAssignableFrom(m0)).isTrue();
    }

    @Test
    void compilesAThrowingPhase() throws Exception {
        EnhancementLoader loader = new EnhancementLoader("test.Target", Map.of());
        assertThat(compiler.compile("U.java", unit("throw new IllegalStateException(\"P broke\");"), loader.compilationView()))
                .containsKey("dev.poet.gen.U$M0");
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        EnhancementLoader loader = new EnhancementLoader("test.Target", Map.of());
        assertThatThrownBy(() -> compiler.compile("U.java", unit("return args"), loader.compilationView()))
                .isInstanceOf(CompilationFailure.class)
                .hasMessageContaining("Line 6");
    }

    @Test
    void ordinaryStringCodeCompilesAgainstTheCompilationView() throws Exception {
        EnhancementLoader loader = new EnhancementLoader("test.Target", Map.of());
        assertThat(compiler.compile("U.java",
                unit("String s = ((String) args[0]).trim(); java.util.regex.Pattern.compile(\"a+\"); return args;"),
                loader.compilationView())).containsKey("dev.poet.gen.U$M0");
    }

    @Test
    void jdkClassesOutsideTheAllowListCannotBeLinkedByGeneratedCode() throws Exception {
        EnhancementLoader loader = new EnhancementLoader("test.Target", Map.of());
        Map<String, byte[]> classes = compiler.compile("U.java",
                unit("new " + File.class.getName() + "(\"x\").delete(); return args;"), loader.compilationView());
        loader.addClasses(classes);
        Class<?> m0 = Class.forName("dev.poet.gen.U$M0", true, loader);
        Enhancement enhancement = (Enhancement) m0.getConstructor(dev.poet.bridge.MethodContext.class)
                .newInstance(new Object[] {null});

        assertThatThrownBy(() -> enhancement.perceive(null, new Object[0])).isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("java/io/File");
        assertThatThrownBy(() -> loader.loadClass("java.lang.ProcessBuilder")).isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("not visible to code generated for test.Target");
    }
}
