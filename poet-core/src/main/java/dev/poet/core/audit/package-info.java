/**
 * The bytecode audit of generated enhancements: the second of the checks a generated enhancement passes before it
 * is activated (compile, audit, verify with a loop budget, then store and activate), and the last one before its
 * classes are loaded, because generated code is untrusted.
 *
 * <p>{@link dev.poet.core.audit.BytecodeAuditor} scans every class Janino produced for one enhancement with ASM and
 * checks each reference to another class or member against two tables: a type allow-list, and a member deny-list
 * that wins over it. The allow-list is extended per instrumented method by an {@link dev.poet.core.audit.AuditPolicy}
 * (the method's own signature types); the deny-list is not, so a parameter of type {@code File} or {@code Class}
 * does not open {@code delete} or {@code forName}. POET's own bootstrap types ({@code dev.poet.bridge},
 * {@code dev.poet.runtime}) are decided class by class in {@link dev.poet.core.audit.BootstrapSurface}: what carries
 * the method's parameters or state is readable, never writable, and a bootstrap type not listed there is denied.
 *
 * <p>The audit returns an {@link dev.poet.core.audit.AuditResult}; it never logs and never throws.
 */
package dev.poet.core.audit;
