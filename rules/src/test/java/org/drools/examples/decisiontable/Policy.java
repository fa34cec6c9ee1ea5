package org.drools.examples.decisiontable;

/**
 * The policy of the Drools insurance pricing example: its type (COMPREHENSIVE, FIRE_THEFT or THIRD_PARTY), the base
 * price the pricing rules set and the discount in percent the discount rules add up.
 */
public class Policy {

    private final String type;
    private int basePrice;
    private int discountPercent;

    public Policy(String type) {
        this.type = type;
    }

    public String getType() {
        return type;
    }

    public int getBasePrice() {
        return basePrice;
    }

    public void setBasePrice(int basePrice) {
        this.basePrice = basePrice;
    }

    public int getDiscountPercent() {
        return discountPercent;
    }

    public void applyDiscount(int percent) {
        discountPercent += percent;
    }
}
