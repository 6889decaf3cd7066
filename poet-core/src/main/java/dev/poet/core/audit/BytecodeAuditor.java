package dev.poet.core.audit;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;

/**
 * Audits the classes compiled from one generated enhancement before they are loaded (after compilation, before
 * verification and the loop budget): every
 * reference to another class or member, in every method and static initialiser of every class (top-level, inner,
 * anonymous), must pass the type allow-list, and no member on the deny-list may be referenced at all.
 *
 * <p>Stateless and thread-safe; the rule tables are built once. Never throws for bad input: unreadable bytes are a
 * finding like any other.
 */
public final class BytecodeAuditor {

    private static final int READ_FLAGS = ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;

    /** An auditor; all instances behave the same. */
    public BytecodeAuditor() {
    }

    /**
     * Audits {@code classes} as one unit: they may reference one another.
     *
     * @param classes binary class name (as Janino's {@code getBytecodes()} returns them, e.g. {@code Gen$1}) to
     *                class file bytes; every class the generated source defines
     * @param policy  the application types allowed for the instrumented method
     * @return passed, or rejected with every finding
     */
    public AuditResult audit(Map<String, byte[]> classes, AuditPolicy policy) {
        Findings findings = new Findings();
        Set<String> generated = new HashSet<>();
        for (String name : classes.keySet()) {
            generated.add(name.replace('.', '/'));
        }
        ReferenceChecker checker = new ReferenceChecker(policy, generated, findings);
        if (classes.isEmpty()) {
            checker.enterClass("<none>");
            checker.malformed("no classes to audit");
        }
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            String internal = e.getKey().replace('.', '/');
            checker.enterClass(internal);
            try {
                new ClassReader(e.getValue()).accept(new ClassScanner(checker, internal), READ_FLAGS);
            } catch (RuntimeException unreadable) {
                // ASM reports corrupt class files with assorted runtime exceptions; any of them rejects.
                checker.enterClass(internal);
                checker.malformed("unreadable class file (" + unreadable + ")");
            }
        }
        return findings.result();
    }
}
