package dev.poet.core.audit;

/**
 * One reason an audit rejected generated code: which generated class referenced (or declared) what, and the rule
 * it broke. {@link #message()} is the line that goes into the rejection event and back to an LLM on a repair try.
 *
 * @param className  the generated class (binary name) the reference is in
 * @param site       the method of that class it is in ({@code name(descriptor)}), or {@code <class>} for the class
 *                   header
 * @param owner      the referenced type (binary name); for a declaration, the generated class itself
 * @param member     the referenced or declared member name, or {@code null} for a reference to the type alone
 * @param descriptor the member's JVM descriptor, or {@code null} for a reference to the type alone
 * @param kind       what sort of rule was broken
 * @param rule       the rule in words, e.g. {@code file system access} or {@code type not on the allow-list}
 */
public record AuditFinding(String className, String site, String owner, String member, String descriptor,
                           Kind kind, String rule) {

    /** What sort of rule a finding broke. */
    public enum Kind {
        /** A member on the deny-list, which wins over the type allow-list. */
        DENIED_MEMBER,
        /** A type in a denied family (reflection, files, network, ...). */
        DENIED_TYPE,
        /** A type no allow-list admits. */
        NOT_ALLOWED,
        /** Something the generated class declares (a native method, a finalizer, a reserved class name). */
        DENIED_DECLARATION,
        /** Bytes that are not a readable class file, or not the class they claim to be. */
        MALFORMED
    }

    /** E.g. {@code denied member: java.io.File.delete — file system access}. */
    public String message() {
        String target = member == null ? owner : owner + '.' + member;
        switch (kind) {
            case DENIED_MEMBER:
                return "denied member: " + target + " — " + rule;
            case DENIED_TYPE:
                return "denied type: " + target + " — " + rule;
            case NOT_ALLOWED:
                return rule + ": " + target;
            case DENIED_DECLARATION:
                return "denied declaration: " + target + " — " + rule;
            default:
                return "malformed class " + className + " — " + rule;
        }
    }

    /** The message followed by where the reference is, e.g. {@code ... (in Gen.perceive(...))}. */
    @Override
    public String toString() {
        return message() + " (in " + className + '.' + site + ')';
    }
}
