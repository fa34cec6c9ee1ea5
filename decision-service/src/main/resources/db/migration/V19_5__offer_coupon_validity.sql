-- How long an offer's coupons stay valid: a positive ISO-8601 duration such as PT2H or P7D, or 'end-of-day' for the
-- end of the contact's local day. Null uses the global setting solomo.coupons.validity. The entity checks the
-- whole syntax; this constraint keeps SQL written by hand from storing an obvious mistake such as '7 days'.
alter table offer add column coupon_validity varchar(64);

alter table offer add constraint offer_coupon_validity_form
    check (coupon_validity is null or coupon_validity = 'end-of-day' or coupon_validity like 'P%');
