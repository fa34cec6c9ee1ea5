package com.baeldung.drools.model;

/** A customer of the discount table of the Baeldung Drools tutorial, which sets the discount in percent. */
public class Customer {

    private final CustomerType type;
    private final int years;
    private int discount;

    public Customer(CustomerType type, int years) {
        this.type = type;
        this.years = years;
    }

    public CustomerType getType() {
        return type;
    }

    public int getYears() {
        return years;
    }

    public int getDiscount() {
        return discount;
    }

    public void setDiscount(int discount) {
        this.discount = discount;
    }

    public enum CustomerType {
        INDIVIDUAL,
        BUSINESS
    }
}
