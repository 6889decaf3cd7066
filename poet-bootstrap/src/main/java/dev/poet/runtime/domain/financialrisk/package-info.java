/** The {@code financial_risk} domain's runtime: input rules chosen by parameter name, clamps, money rounding. */
package dev.poet.runtime.domain.financialrisk;
