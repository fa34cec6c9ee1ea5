-- Each decision reads the offers a customer has redeemed; without this index that read scans every coupon issued.
create index ix_coupon_customer on coupon (customer_id, offer_id);
