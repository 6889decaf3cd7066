package dev.poet.core.audit;

import java.util.Set;

/**
 * Decides each reference a scanned class makes, against the fixed {@link AccessRules}, the {@link AuditPolicy} and
 * the set of classes generated together (which may use one another freely), and records what it denies.
 *
 * <p>The order of the checks is the contract: members denied on every owner, then the member deny-list, then the
 * policy's own denials, and only then the type allow-list; a denied member is never rescued by an allowed type.
 * Type-only references (casts, instanceof, array types, catch types) to an application type are always allowed, so
 * that generated code can cast its arguments even when their type has denied members.
 *
 * <p>One instance per audit; not thread-safe.
 */
final class ReferenceChecker {

    private final AuditPolicy policy;
    private final Set<String> generated;
    private final Findings findings;
    private String className;
    private String site;

    ReferenceChecker(AuditPolicy policy, Set<String> generated, Findings findings) {
        this.policy = policy;
        this.generated = generated;
        this.findings = findings;
    }

    /** Sets the class whose references follow. */
    void enterClass(String internalName) {
        this.className = internalName;
        this.site = "<class>";
    }

    /** Sets the method whose references follow, as {@code name(descriptor)}. */
    void enterSite(String site) {
        this.site = site;
    }

    /** A reference to a type alone: {@code new}, a cast, instanceof, an array type, a catch type, a class constant. */
    void type(String nameOrDescriptor) {
        String internal = TypeNames.elementInternalName(nameOrDescriptor);
        if (internal == null || generated.contains(internal) || policy.allows(internal)
                || AccessRules.isAllowedType(internal)) {
            return;
        }
        String reason = AccessRules.deniedTypeReason(internal);
        if (reason == null) {
            reason = AccessRules.poetInternalsReason(internal);
        }
        if (reason != null) {
            deny(internal, null, null, AuditFinding.Kind.DENIED_TYPE, reason);
        } else {
            deny(internal, null, null, AuditFinding.Kind.NOT_ALLOWED, AccessRules.NOT_ALLOWED);
        }
    }

    /** A method call or field access of {@code owner.name} with JVM descriptor {@code descriptor}. */
    void member(String owner, String name, String descriptor) {
        if (owner.startsWith("[")) {
            // Array members are Object's (clone, length via arraylength); only the element type matters.
            type(owner);
            String reason = AccessRules.deniedOnEveryOwner(name, descriptor);
            if (reason != null) {
                deny(owner, name, descriptor, AuditFinding.Kind.DENIED_MEMBER, reason);
            }
            return;
        }
        String reason = AccessRules.deniedOnEveryOwner(name, descriptor);
        if (reason == null && generated.contains(owner)) {
            return;
        }
        if (reason == null) {
            reason = AccessRules.deniedMemberReason(owner, name, descriptor);
        }
        if (reason == null && policy.allows(owner)) {
            reason = policy.deniedMemberReason(owner, name, descriptor);
            if (reason == null) {
                return;
            }
        }
        if (reason == null && AccessRules.isAllowedType(owner)) {
            return;
        }
        if (reason == null) {
            reason = AccessRules.deniedTypeReason(owner);
        }
        if (reason == null) {
            reason = AccessRules.poetInternalsReason(owner);
        }
        if (reason != null) {
            deny(owner, name, descriptor, AuditFinding.Kind.DENIED_MEMBER, reason);
        } else {
            deny(owner, name, descriptor, AuditFinding.Kind.NOT_ALLOWED, AccessRules.NOT_ALLOWED);
        }
    }

    /**
     * The superclass or an interface of a generated class. Stricter than a type reference: inheriting from a type
     * with restricted or denied members would let the generated class reach them through {@code this}.
     */
    void supertype(String internalName) {
        if (internalName == null) {
            return;
        }
        type(internalName);
        String reason = null;
        if (AccessRules.isRestricted(internalName) && !internalName.equals("java/lang/Object")) {
            reason = AccessRules.restrictionReason(internalName);
        } else if (BootstrapSurface.isPoet(internalName)) {
            // A denied or unknown POET type was reported by type() above; here only "not designed for extension".
            reason = BootstrapSurface.typeReason(internalName) == null
                    ? BootstrapSurface.supertypeReason(internalName) : null;
        } else if (policy.allows(internalName)) {
            reason = policy.deniedSupertypeReason(internalName);
        }
        if (reason != null) {
            deny(internalName, null, null, AuditFinding.Kind.DENIED_TYPE, reason + " (as a supertype)");
        }
    }

    /** Something the generated class itself declares that is denied. */
    void declaration(String member, String descriptor, String rule) {
        deny(className, member, descriptor, AuditFinding.Kind.DENIED_DECLARATION, rule);
    }

    /** A reference the checks above do not model and that is denied as such (invokedynamic, method handles). */
    void deniedConstruct(String owner, String member, String descriptor, String rule) {
        deny(owner, member, descriptor, AuditFinding.Kind.DENIED_MEMBER, rule);
    }

    /** A class file that cannot be read or is not what it claims to be. */
    void malformed(String rule) {
        deny(className, null, null, AuditFinding.Kind.MALFORMED, rule);
    }

    private void deny(String owner, String member, String descriptor, AuditFinding.Kind kind, String rule) {
        findings.add(className, site, owner, member, descriptor, kind, rule);
    }
}
