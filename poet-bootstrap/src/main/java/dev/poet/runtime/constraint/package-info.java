/**
 * Bean Validation constraints ({@code jakarta.validation.constraints.*}, {@code javax.validation.constraints.*})
 * found on a method's parameters and return value in its class file, as {@link dev.poet.runtime.validate.Rule}s:
 * POET checks them without depending on Bean Validation.
 */
package dev.poet.runtime.constraint;
