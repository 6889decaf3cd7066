package dev.poet.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.codehaus.janino.SimpleCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.poet.bridge.Enhancement;
import dev.poet.core.audit.AuditPolicy;
import dev.poet.core.audit.AuditResult;
import dev.poet.core.audit.BytecodeAuditor;
import dev.poet.runtime.budget.LoopBudget;
import dev.poet.runtime.budget.LoopBudgetExceededError;

/**
 * Generated code that spins must end with {@link LoopBudgetExceededError} once the budget is injected, and code that
 * does not spin must behave exactly as before. Classes are defined from the transformed bytes, so the JVM verifier
 * checks every one of them.
 */
class LoopBudgetInjectorTest {

    private static final long SMALL_BUDGET = 100_000;

    private final LoopBudgetInjector injector = new LoopBudgetInjector();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "while (true) { }",
            "long s = 0; for (int i = 0; ; i++) { for (int j = 0; j < 10; j++) { s += j; } }",
            "int n = 0; do { n++; } while (n != -1 || args != null); return args;",
            "while (true) { try { for (;;) { } } catch (Throwable t) { } }",
            "outer: while (true) { try { continue outer; } catch (Throwable t) { } }",
            "int k = 0; while (true) { switch (k & 3) { case 0: k++; break; case 1: k += 2; break;"
                    + " default: k = 0; } }",
    })
    void spinningCodeEndsWithTheBudgetError(String perceiveBody) throws Exception {
        Enhancement e = load(injector.inject(compile(perceiveBody)));

        Throwable thrown = runBounded(e, new Object[] {Integer.valueOf(1)});

        assertThat(thrown).isInstanceOf(LoopBudgetExceededError.class);
        assertThat(((LoopBudgetExceededError) thrown).budget()).isEqualTo(SMALL_BUDGET);
    }

    @Test
    void boundedLoopsReturnWhatTheyReturnedBefore() throws Throwable {
        String body = "int n = ((Integer) args[0]).intValue(); long sum = 0;"
                + " for (int i = 0; i < n; i++) { for (int j = 0; j <= i; j++) { sum += j; } }"
                + " int w = 0; while (w < n) { w += 3; }"
                + " java.util.List list = new java.util.ArrayList();"
                + " for (int i = 0; i < 5; i++) { list.add(Integer.valueOf(i)); }"
                + " for (java.util.Iterator it = list.iterator(); it.hasNext();) { sum += ((Integer) it.next()).intValue(); }"
                + " try { if (n > 0) throw new IllegalStateException(); } catch (IllegalStateException x) { sum++; }"
                + " return new Object[] {Long.valueOf(sum), Integer.valueOf(w)};";
        Map<String, byte[]> plain = compile(body);
        Object[] args = {Integer.valueOf(100)};

        Object[] before = load(plain).perceive(null, args.clone());
        long saved = LoopBudget.begin(SMALL_BUDGET);
        Object[] after;
        try {
            after = load(injector.inject(plain)).perceive(null, args.clone());
        } finally {
            LoopBudget.end(saved);
        }

        assertThat(after).containsExactly(before);
        assertThat(before[0]).isEqualTo(Long.valueOf(166650 + 10 + 1));
    }

    @Test
    void straightLineCodeGetsNoTicks() {
        Map<String, byte[]> unit = compile("if (args.length > 2) { return null; } else { return args; }");

        assertThat(countTicks(injector.inject(unit).get("Gen"))).isZero();
    }

    @Test
    void everyLoopGetsATick() {
        Map<String, byte[]> unit = compile(
                "int a = 0; while (a < 3) { a++; } for (int i = 0; i < 2; i++) { a--; } return args;");

        assertThat(countTicks(injector.inject(unit).get("Gen"))).isEqualTo(2);
    }

    @Test
    void injectedClassesStillPassTheAudit() {
        Map<String, byte[]> injected = injector.inject(compile("while (args.length > 0) { } return args;"));

        AuditResult result = new BytecodeAuditor().audit(injected, AuditPolicy.none());

        assertThat(result.isPassed()).as(result.describe()).isTrue();
    }

    @Test
    void unreadableBytesAreRejected() {
        assertThatThrownBy(() -> injector.inject(new byte[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, byte[]> compile(String perceiveBody) {
        String source = "import dev.poet.bridge.*;\n"
                + "public class Gen implements Enhancement {\n"
                + "  public Object[] perceive(Call call, Object[] args) throws Throwable {\n" + perceiveBody + "\n  }\n"
                + "  public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "  public Object enforce(Call call, Object result) throws Throwable { return result; }\n"
                + "}\n";
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(LoopBudgetInjectorTest.class.getClassLoader());
        try {
            compiler.cook(source);
        } catch (Exception e) {
            throw new AssertionError("Janino did not compile: " + e.getMessage() + "\n" + source, e);
        }
        return compiler.getBytecodes();
    }

    private static Enhancement load(Map<String, byte[]> classes) throws Exception {
        ClassLoader loader = new ClassLoader(LoopBudgetInjectorTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return (Enhancement) loader.loadClass("Gen").getConstructor().newInstance();
    }

    /** Runs perceive on its own thread with a small budget; returns what it threw, failing if it hangs. */
    private static Throwable runBounded(Enhancement e, Object[] args) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            long saved = LoopBudget.begin(SMALL_BUDGET);
            try {
                e.perceive(null, args);
                thrown.set(new AssertionError("perceive returned although it should spin"));
            } catch (Throwable failure) {
                thrown.set(failure);
            } finally {
                LoopBudget.end(saved);
            }
        }, "spinning-enhancement");
        // A daemon thread: if injection failed, the spinning thread must not keep the test JVM alive.
        t.setDaemon(true);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(t.isAlive()).as("perceive still spinning after 20 s").isFalse();
        return thrown.get();
    }

    private static int countTicks(byte[] classFile) {
        int[] count = {0};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if (owner.equals(LoopBudget.TICK_OWNER) && n.equals(LoopBudget.TICK_NAME)) {
                            count[0]++;
                        }
                    }
                };
            }
        }, 0);
        return count[0];
    }
}
