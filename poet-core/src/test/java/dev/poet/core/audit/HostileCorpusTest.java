package dev.poet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated code that tries one denied capability each, compiled with Janino as the engine compiles it. Every one
 * must be rejected with a finding naming the member (or type) it reached for.
 */
class HostileCorpusTest {

    private final BytecodeAuditor auditor = new BytecodeAuditor();

    static Stream<Arguments> hostile() {
        return Stream.of(
                hostile("Runtime.exec", "Runtime.getRuntime().exec(\"id\");", "java.lang.Runtime.exec"),
                hostile("ProcessBuilder", "new ProcessBuilder(new String[] {\"id\"}).start();",
                        "java.lang.ProcessBuilder.start"),
                hostile("System.exit", "System.exit(1);", "java.lang.System.exit"),
                hostile("Runtime.halt", "Runtime.getRuntime().halt(1);", "java.lang.Runtime.halt"),
                hostile("getenv", "String h = System.getenv(\"HOME\");", "java.lang.System.getenv"),
                hostile("getProperty", "String h = System.getProperty(\"user.home\");",
                        "java.lang.System.getProperty"),
                hostile("setOut", "System.setOut(null);", "java.lang.System.setOut"),
                hostile("System.out", "System.out.println(\"hi\");", "java.lang.System.out"),
                hostile("File.delete", "new java.io.File(\"/tmp/poet-x\").delete();", "java.io.File.delete"),
                hostile("Files.readAllBytes",
                        "byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(\"/etc/passwd\"));",
                        "java.nio.file.Files.readAllBytes"),
                hostile("FileInputStream", "int c = new java.io.FileInputStream(\"/etc/passwd\").read();",
                        "java.io.FileInputStream.read"),
                hostile("Socket", "java.net.Socket s = new java.net.Socket(\"example.com\", 80);",
                        "java.net.Socket.<init>"),
                hostile("URL.openConnection",
                        "java.net.URLConnection c = new java.net.URL(\"http://example.com\").openConnection();",
                        "java.net.URL.openConnection"),
                hostile("HttpClient", "java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();",
                        "java.net.http.HttpClient.newHttpClient"),
                hostile("Class.forName", "Class c = Class.forName(\"java.lang.Runtime\");", "java.lang.Class.forName"),
                hostile("Method.invoke",
                        "Object o = String.class.getMethod(\"length\", new Class[0]).invoke(\"x\", new Object[0]);",
                        "java.lang.reflect.Method.invoke"),
                hostile("getDeclaredField", "Object f = String.class.getDeclaredField(\"value\");",
                        "java.lang.Class.getDeclaredField"),
                hostile("MethodHandles.lookup", "Object l = java.lang.invoke.MethodHandles.lookup();",
                        "java.lang.invoke.MethodHandles.lookup"),
                hostile("URLClassLoader",
                        "ClassLoader l = new java.net.URLClassLoader(new java.net.URL[0]);",
                        "java.net.URLClassLoader.<init>"),
                hostile("getClassLoader", "ClassLoader l = this.getClass().getClassLoader();",
                        "java.lang.Class.getClassLoader"),
                hostile("Thread.start", "new Thread().start();", "java.lang.Thread.start"),
                hostile("Thread.sleep", "Thread.sleep(10L);", "java.lang.Thread.sleep"),
                hostile("Executors", "Object e = java.util.concurrent.Executors.newFixedThreadPool(2);",
                        "java.util.concurrent.Executors.newFixedThreadPool"),
                hostile("Unsafe via reflection",
                        "Object u = Class.forName(\"sun.misc.Unsafe\").getDeclaredField(\"theUnsafe\");",
                        "java.lang.Class.forName"),
                hostile("Unsafe directly", "Object u = sun.misc.Unsafe.class;", "sun.misc.Unsafe"),
                hostile("InitialContext", "Object o = new javax.naming.InitialContext().lookup(\"ldap://x/y\");",
                        "javax.naming.InitialContext.lookup"),
                hostile("ScriptEngineManager",
                        "Object o = new javax.script.ScriptEngineManager().getEngineByName(\"js\");",
                        "javax.script.ScriptEngineManager.getEngineByName"),
                hostile("ObjectInputStream", "Object o = new java.io.ObjectInputStream(null).readObject();",
                        "java.io.ObjectInputStream.readObject"),
                hostile("ManagementFactory",
                        "Object o = java.lang.management.ManagementFactory.getRuntimeMXBean();",
                        "java.lang.management.ManagementFactory.getRuntimeMXBean"),
                hostile("Object.wait", "synchronized (args) { args.wait(); }", "java.lang.Object.wait"),
                hostile("synchronized block", "synchronized (args) { args.hashCode(); }", "monitorenter"),
                hostile("printStackTrace", "new RuntimeException(\"x\").printStackTrace();",
                        "printStackTrace"),
                hostile("Integer.getInteger", "Integer i = Integer.getInteger(\"user.home\");",
                        "java.lang.Integer.getInteger"),
                hostile("reflection behind string concatenation",
                        "Class c = Class.forName(\"java.lang.\" + (args.length > 0 ? \"Runtime\" : \"System\"));",
                        "java.lang.Class.forName"),
                hostile("loop budget refill", "dev.poet.runtime.budget.LoopBudget.begin(Long.MAX_VALUE);",
                        "dev.poet.runtime.budget.LoopBudget.begin"),
                hostile("bridge internals", "dev.poet.bridge.Slots.SLOTS.set(0, null);",
                        "dev.poet.bridge.Slots.SLOTS"),
                // Parameters, state and the engine: generated code reads its parameters, never replaces them.
                hostile("ParamsRef.set", "call.context().paramsRef().set(dev.poet.runtime.params.Params.EMPTY);",
                        "denied member: dev.poet.runtime.params.ParamsRef.set — changing the method's parameters"),
                hostile("new ParamsRef",
                        "Object r = new dev.poet.runtime.params.ParamsRef(dev.poet.runtime.params.Params.EMPTY);",
                        "dev.poet.runtime.params.ParamsRef.<init>"),
                hostile("MethodContext.stats", "Object s = call.context().stats();",
                        "denied member: dev.poet.bridge.MethodContext.stats — the method's counters"),
                hostile("MethodStats counters", "call.context().stats().retries.add(-1L);",
                        "denied member: dev.poet.bridge.MethodStats.retries — the method's counters"),
                hostile("ExecutionIds.next", "long id = dev.poet.bridge.ExecutionIds.next();",
                        "denied member: dev.poet.bridge.ExecutionIds.next"),
                hostile("Dispatcher.install", "dev.poet.bridge.Dispatcher.install(null);",
                        "denied member: dev.poet.bridge.Dispatcher.install"),
                hostile("Dispatcher.hooks", "Object h = dev.poet.bridge.Dispatcher.hooks();",
                        "denied member: dev.poet.bridge.Dispatcher.hooks"),
                hostile("ReentryGuard.enter", "dev.poet.bridge.ReentryGuard.enter(0);",
                        "denied member: dev.poet.bridge.ReentryGuard.enter"),
                hostile("Outcome.returning", "Object o = dev.poet.bridge.Outcome.returning(args);",
                        "denied member: dev.poet.bridge.Outcome.returning"),
                hostile("Call.forVerification",
                        "Call c = Call.forVerification(call.context(), null, args);",
                        "denied member: dev.poet.bridge.Call.forVerification — creating calls (engine only)"),
                hostile("LoopBudget.end", "dev.poet.runtime.budget.LoopBudget.end(Long.MAX_VALUE);",
                        "denied member: dev.poet.runtime.budget.LoopBudget.end — loop budget control"),
                hostile("LoopBudget.reset", "dev.poet.runtime.budget.LoopBudget.reset();",
                        "denied member: dev.poet.runtime.budget.LoopBudget.reset"),
                hostile("raising the loop budget's error",
                        "if (args != null) throw new dev.poet.runtime.budget.LoopBudgetExceededError(1L);",
                        "denied member: dev.poet.runtime.budget.LoopBudgetExceededError.<init>"),
                hostile("Sleeper.SYSTEM", "dev.poet.runtime.time.Sleeper.SYSTEM.sleep(10L);",
                        "denied member: dev.poet.runtime.time.Sleeper.SYSTEM — sleeping"),
                hostile("Retry builder sleeper",
                        "Object r = dev.poet.runtime.retry.Retry.builder(\"k\").sleeper(null).build();",
                        "denied member: dev.poet.runtime.retry.Retry$Builder.sleeper — sleeping"),
                hostile("DeadlineExecutor.shared",
                        "Object e = dev.poet.runtime.deadline.DeadlineExecutor.shared();",
                        "denied member: dev.poet.runtime.deadline.DeadlineExecutor.shared — threads and executors"),
                hostile("Deadline builder executor",
                        "Object d = dev.poet.runtime.deadline.Deadline.builder(\"k\").executor(null).build();",
                        "denied member: dev.poet.runtime.deadline.Deadline$Builder.executor — threads"),
                hostile("ManualClock", "new dev.poet.runtime.time.ManualClock().advanceMillis(5L);",
                        "dev.poet.runtime.time.ManualClock"),
                hostile("InMemoryEventSink", "new dev.poet.runtime.event.InMemoryEventSink().clear();",
                        "dev.poet.runtime.event.InMemoryEventSink"),
                hostile("CircuitBreaker.reset",
                        "dev.poet.runtime.breaker.CircuitBreaker.builder(\"k\").build().reset();",
                        "denied member: dev.poet.runtime.breaker.CircuitBreaker.reset"),
                hostile("Arrays.parallelSort", "java.util.Arrays.parallelSort(new int[] {3, 1});",
                        "java.util.Arrays.parallelSort"),
                hostile("type off the allow-list", "int r = new java.util.Random().nextInt();",
                        "java.util.Random"));
    }

    private static Arguments hostile(String name, String body, String expected) {
        return Arguments.of(name, GeneratedUnit.enhancement(body, ""), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void rejectsEachDeniedCapability(String name, String source, String expected) {
        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.isPassed()).as(name).isFalse();
        assertThat(result.findings()).as(result.describe())
                .anySatisfy(f -> assertThat(f.message()).contains(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void findingsNameTheClassAndMethod(String name, String source, String expected) {
        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.className()).isEqualTo("Gen");
            assertThat(f.site()).startsWith("perceive(");
        });
    }

    /**
     * Members and types the bootstrap does not have yet (a parameter update for learning, a feedback accessor, a
     * learner, an event writer): denied by default, each finding naming what was reached for.
     */
    @org.junit.jupiter.api.Test
    void poetMembersAndTypesNotOnTheListAreDenied() {
        Map<String, byte[]> unit = Map.of("Gen", HandWritten.classCalling(
                new String[] {"dev/poet/runtime/params/ParamsRef", "update",
                        "(Ljava/lang/Object;)Ldev/poet/runtime/params/Params;"},
                new String[] {"dev/poet/bridge/MethodContext", "feedback", "()Ljava/lang/Object;"},
                new String[] {"dev/poet/runtime/learn/Learner", "learn", "(Ljava/lang/Object;)V"},
                new String[] {"dev/poet/bridge/EventWriter", "write", "(Ljava/lang/Object;)V"},
                new String[] {"dev/poet/core/engine/Engine", "stop", "()V"}));

        AuditResult result = auditor.audit(unit, AuditPolicy.none());

        assertThat(result.findings()).extracting(AuditFinding::message).containsExactlyInAnyOrder(
                "denied member: dev.poet.runtime.params.ParamsRef.update — changing the method's parameters"
                        + " (engine and learning only)",
                "denied member: dev.poet.bridge.MethodContext.feedback — MethodContext member not on the audit's list",
                "denied member: dev.poet.runtime.learn.Learner.learn — POET bootstrap type not on the audit's"
                        + " per-class list (a new bootstrap type is denied to generated code until it is allowed"
                        + " there on purpose)",
                "denied member: dev.poet.bridge.EventWriter.write — POET bootstrap type not on the audit's"
                        + " per-class list (a new bootstrap type is denied to generated code until it is allowed"
                        + " there on purpose)",
                "type not on the allow-list: dev.poet.core.engine.Engine.stop");
    }

    @org.junit.jupiter.api.Test
    void aCastToAPoetTypeFollowsItsEntry() {
        AuditResult passed = auditor.audit(GeneratedUnit.compile(GeneratedUnit.enhancement(
                "Object v = args[0]; Object o = (dev.poet.runtime.event.PhaseEventSink) v;", "")), AuditPolicy.none());
        AuditResult rejected = auditor.audit(GeneratedUnit.compile(GeneratedUnit.enhancement(
                "Object v = args[0]; Object o = (dev.poet.runtime.time.Sleeper) v;", "")), AuditPolicy.none());

        assertThat(passed.isPassed()).as(passed.describe()).isTrue();
        assertThat(rejected.findings()).extracting(AuditFinding::message)
                .containsExactly("denied type: dev.poet.runtime.time.Sleeper — sleeping (the phase runtime sleeps,"
                        + " bounded, on the enhancement's behalf)");
    }

    @org.junit.jupiter.api.Test
    void posingAsADeliberateFailureIsDenied() {
        String source = GeneratedUnit.enhancement("",
                "static class Fake extends RuntimeException implements dev.poet.runtime.DeliberateFailure { }");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.className()).isEqualTo("Gen$Fake");
            assertThat(f.message()).isEqualTo("denied type: dev.poet.runtime.DeliberateFailure — extending or"
                    + " implementing a POET type not designed for it (as a supertype)");
        });
    }

    @org.junit.jupiter.api.Test
    void forbiddenCallInAnAnonymousClassIsFound() {
        String source = GeneratedUnit.enhancement(
                "Attempt a = new Attempt() { public Object run() { return Runtime.getRuntime(); } };", "");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.className()).isEqualTo("Gen$1");
            assertThat(f.message()).isEqualTo("denied member: java.lang.Runtime.getRuntime — "
                    + "process execution and control");
        });
    }

    @org.junit.jupiter.api.Test
    void forbiddenCallInAStaticInitialiserIsFound() {
        String source = GeneratedUnit.enhancement("", "static { System.exit(3); }");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.site()).isEqualTo("<clinit>()V");
            assertThat(f.message()).contains("java.lang.System.exit");
        });
    }

    @org.junit.jupiter.api.Test
    void aFileParameterDoesNotOpenFileMembers() {
        AuditPolicy policy = AuditPolicy.builder().allow(File.class).build();
        String source = GeneratedUnit.enhancement(
                "java.io.File f = (java.io.File) args[0]; String s = f.toString(); f.delete();", "");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), policy);

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("denied member: java.io.File.delete — file system access"));
    }

    @org.junit.jupiter.api.Test
    void aClassParameterOpensOnlyTheSafeMembersOfClass() {
        AuditPolicy policy = AuditPolicy.builder().allow(Class.class).build();
        String source = GeneratedUnit.enhancement(
                "Class c = (Class) args[0]; String n = c.getName(); boolean b = c.isInstance(args);"
                        + " Object l = c.getClassLoader(); Object m = c.getDeclaredMethods();", "");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), policy);

        assertThat(result.findings()).extracting(AuditFinding::member)
                .containsExactlyInAnyOrder("getClassLoader", "getDeclaredMethods");
    }

    @org.junit.jupiter.api.Test
    void anApplicationThreadSubclassKeepsItsOwnMembersButNotThreads() {
        AuditPolicy policy = AuditPolicy.builder().allow(Worker.class).build();
        String source = GeneratedUnit.enhancement(
                "dev.poet.core.audit.Worker w = (dev.poet.core.audit.Worker) args[0];"
                        + " int x = w.compute(); w.start();", "");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), policy);

        // Janino names the declaring class (Thread) as the owner; javac would name Worker. Both are denied.
        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith(".start — threads and executors (use the phase runtime)"));
    }

    @org.junit.jupiter.api.Test
    void inheritedDangerousMembersAreDeniedWhenTheApplicationTypeIsTheOwner() {
        AuditPolicy policy = AuditPolicy.builder().allow(Worker.class).build();
        String worker = "dev/poet/core/audit/Worker";
        Map<String, byte[]> unit = Map.of("Gen", HandWritten.classCalling(
                new String[] {worker, "compute", "()I"},
                new String[] {worker, "start", "()V"},
                new String[] {worker, "toString", "()Ljava/lang/String;"},
                new String[] {worker, "getContextClassLoader", "()Ljava/lang/ClassLoader;"}));

        AuditResult result = auditor.audit(unit, policy);

        assertThat(result.findings()).extracting(AuditFinding::member)
                .containsExactlyInAnyOrder("start", "getContextClassLoader");
    }

    @org.junit.jupiter.api.Test
    void lambdasAndMethodHandleConstantsAreDenied() {
        Map<String, byte[]> unit = Map.of("Gen", HandWritten.classWithLambdaAndConcat());

        AuditResult result = auditor.audit(unit, AuditPolicy.none());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.owner()).isEqualTo("java.lang.invoke.LambdaMetafactory");
            assertThat(f.rule()).startsWith("invokedynamic");
        });
    }

    @org.junit.jupiter.api.Test
    void aFinalizerIsRejected() {
        String source = GeneratedUnit.enhancement("", "protected void finalize() { }");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.DENIED_DECLARATION);
            assertThat(f.message()).isEqualTo("denied declaration: Gen.finalize — finalizer");
        });
    }

    @org.junit.jupiter.api.Test
    void aThreadSubclassIsRejected() {
        String source = GeneratedUnit.enhancement("", "static class Spinner extends Thread { }");

        AuditResult result = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.className()).isEqualTo("Gen$Spinner");
            assertThat(f.message()).contains("java.lang.Thread").contains("as a supertype");
        });
    }

    @org.junit.jupiter.api.Test
    void garbageBytesAreAFindingNotAnException() {
        AuditResult result = auditor.audit(Map.of("Gen", new byte[] {1, 2, 3}), AuditPolicy.none());

        assertThat(result.findings()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(AuditFinding.Kind.MALFORMED));
    }

    @org.junit.jupiter.api.Test
    void aClassFileUnderAnotherNameIsRejected() {
        Map<String, byte[]> unit = GeneratedUnit.compile(GeneratedUnit.enhancement("", ""));

        AuditResult result = auditor.audit(Map.of("Other", unit.get("Gen")), AuditPolicy.none());

        assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(AuditFinding.Kind.MALFORMED));
    }
}
