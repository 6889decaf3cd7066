package dev.poet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Realistic generated code must pass: the audit is only useful if templates and LLM output get through it. */
class BenignEnhancementTest {

    static final String BENIGN = String.join("\n",
            "import dev.poet.bridge.*;",
            "import dev.poet.runtime.*;",
            "import dev.poet.runtime.params.Params;",
            "import java.util.*;",
            "public class Gen implements Enhancement {",
            "  private static final Map DEFAULTS = new HashMap();",
            "  static { DEFAULTS.put(\"retries\", Integer.valueOf(3)); }",
            "  private final MethodContext context;",
            "  public Gen(MethodContext context) { this.context = context; }",
            "  public Object[] perceive(Call call, Object[] args) throws Throwable {",
            "    Params p = call.context().params();",
            "    double limit = p.getDouble(\"limit\", 100.0);",
            "    List values = (List) args[0];",
            "    List cleaned = new ArrayList();",
            "    StringBuilder report = new StringBuilder();",
            "    for (Iterator it = values.iterator(); it.hasNext();) {",
            "      Object v = it.next();",
            "      if (!(v instanceof Number)) { report.append(\"dropped \").append(v); continue; }",
            "      double d = ((Number) v).doubleValue();",
            "      if (Double.isNaN(d) || Double.isInfinite(d)) { continue; }",
            "      cleaned.add(Double.valueOf(Math.min(Math.abs(d), limit)));",
            "    }",
            "    Collections.sort(cleaned);",
            "    String key = call.context().methodName() + \"#\" + cleaned.size() + \" \" + report;",
            "    Map seen = new LinkedHashMap();",
            "    seen.put(key, Boolean.TRUE);",
            "    int i = 0; while (i < 3) { i++; }",
            "    String kind = args.getClass().getName() + String.valueOf(args.length);",
            "    Object[] out = Arrays.copyOf(args, args.length);",
            "    out[0] = cleaned;",
            "    return out;",
            "  }",
            "  public Object operate(final Call call, final Object[] args) throws Throwable {",
            "    int attempts = call.context().params().getInt(\"retries\", 3);",
            "    Attempt once = new Attempt() { public Object run() throws Throwable { return call.proceed(args); } };",
            "    Throwable last = null;",
            "    for (int a = 0; a < attempts; a++) {",
            "      try { return once.run(); }",
            "      catch (java.io.IOException e) { last = e; }",
            "      catch (RuntimeException e) { throw e; }",
            "    }",
            "    if (last instanceof InterruptedException) { Thread.currentThread().interrupt(); }",
            "    throw last;",
            "  }",
            "  public Object enforce(Call call, Object result) throws Throwable {",
            "    if (result == null) { throw new IllegalStateException(\"null result from \" + call.context().key()); }",
            "    long t = System.nanoTime();",
            "    return result;",
            "  }",
            "}");

    private final BytecodeAuditor auditor = new BytecodeAuditor();

    @Test
    void realisticEnhancementPasses() {
        Map<String, byte[]> unit = GeneratedUnit.compile(BENIGN);

        AuditResult result = auditor.audit(unit, AuditPolicy.none());

        assertThat(unit).containsKeys("Gen", "Gen$1");
        assertThat(result.isPassed()).as(result.describe()).isTrue();
    }

    @Test
    void policyFromAMethodAllowsItsSignatureTypes() throws Exception {
        Method method = Sample.class.getMethod("score", Sample.Input.class, List.class);
        String source = GeneratedUnit.enhancement(
                "dev.poet.core.audit.BenignEnhancementTest.Sample.Input in ="
                        + " (dev.poet.core.audit.BenignEnhancementTest.Sample.Input) args[0];"
                        + " int w = in.weight(); if (w < 0) throw new java.io.IOException(\"x\");", "");

        AuditResult withPolicy = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.forMethod(method));
        AuditResult without = auditor.audit(GeneratedUnit.compile(source), AuditPolicy.none());

        assertThat(withPolicy.isPassed()).as(withPolicy.describe()).isTrue();
        assertThat(without.findings()).extracting(AuditFinding::kind).contains(AuditFinding.Kind.NOT_ALLOWED);
    }

    @Test
    void policyFromASignatureAcceptsInternalAndBinaryNames() {
        AuditPolicy policy = AuditPolicy.forSignature("com.acme.Service",
                "(Lcom/acme/Input;[Ljava/io/File;I)Lcom/acme/Output;", List.of("com.acme.Failure"));

        assertThat(policy.typeNames()).containsExactlyInAnyOrder(
                "com/acme/Service", "com/acme/Input", "java/io/File", "com/acme/Output", "com/acme/Failure");
    }

    /** An application class, as the instrumented method's signature would name it. */
    public static class Sample {
        /** A parameter type. */
        public static class Input {
            /** A member generated code may call. */
            public int weight() {
                return 1;
            }
        }

        /** The instrumented method. */
        public double score(Input input, List<Double> values) throws java.io.IOException {
            return 0;
        }
    }
}
