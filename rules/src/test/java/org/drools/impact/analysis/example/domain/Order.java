package org.drools.impact.analysis.example.domain;

/**
 * The order of the Drools impact analysis example, shared by its CustomerCheck, PriceCheck and StatusCheck tables:
 * the customer tables set a discount, the price table a status, and the status table may lower the discount.
 */
public class Order {

    private final int customerMembershipRank;
    private final int customerAge;
    private final int itemPrice;
    private int discount;
    private String status;

    public Order(int customerMembershipRank, int customerAge, int itemPrice) {
        this.customerMembershipRank = customerMembershipRank;
        this.customerAge = customerAge;
        this.itemPrice = itemPrice;
    }

    public int getCustomerMembershipRank() {
        return customerMembershipRank;
    }

    public int getCustomerAge() {
        return customerAge;
    }

    public int getItemPrice() {
        return itemPrice;
    }

    public int getDiscount() {
        return discount;
    }

    public void setDiscount(int discount) {
        this.discount = discount;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
