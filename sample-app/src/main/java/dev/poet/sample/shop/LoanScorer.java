package dev.poet.sample.shop;

import java.util.List;

/**
 * The loan desk's legacy scoring function. It trusts its callers: a negative income or an interest rate of 450 %
 * (a typo for 4.50) goes straight into the formula. {@code agent.properties} selects it for the
 * {@code financial_risk} domain, which refuses impossible incomes and rates and clamps out-of-range credit scores
 * before this code runs. Every application it scores goes into the audit ledger it is given.
 */
public class LoanScorer {

    /** One scored application, as the scoring code saw it. */
    public record Scored(double annualIncome, double interestRatePercent, int creditScore, double score) {
    }

    private final List<Scored> ledger;

    public LoanScorer(List<Scored> ledger) {
        this.ledger = ledger;
    }

    /** A score from 0 (decline) to 1000 (approve at once). */
    public double score(double annualIncome, double interestRatePercent, int creditScore, double loanAmount) {
        double affordability = annualIncome / (loanAmount * (1 + interestRatePercent / 100.0));
        double s = 0.6 * creditScore + 400 * Math.min(1.0, affordability) - 2 * interestRatePercent;
        synchronized (ledger) {
            ledger.add(new Scored(annualIncome, interestRatePercent, creditScore, s));
        }
        return s;
    }
}
