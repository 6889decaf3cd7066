package dev.poet.sample;

import dev.poet.api.Poet;

/** A service that opted in with the annotation. The base domain reports bad inputs and results, never acts. */
public class PricingService {

    /** Unit price times quantity, with a discount; a zero quantity yields NaN per unit, which Enforce reports. */
    @Poet(domain = "base")
    public double pricePerUnit(double total, int quantity) {
        return total / quantity;
    }
}
