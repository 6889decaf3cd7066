/**
 * Perceive and Enforce checks: {@link dev.poet.runtime.validate.Validator} applies
 * {@link dev.poet.runtime.validate.Rules} to one value in a {@link dev.poet.runtime.validate.Mode} (report, repair,
 * reject); {@link dev.poet.runtime.validate.LengthMatch} compares two arguments.
 */
package dev.poet.runtime.validate;
