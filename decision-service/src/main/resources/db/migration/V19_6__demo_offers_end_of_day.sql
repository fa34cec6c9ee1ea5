-- The demo offers promise their benefit "today" ("aujourd'hui") in every treatment, so their coupons end with the
-- contact's local day instead of lasting the global 7 days. Only existing demo rows that set nothing change.
update offer set coupon_validity = 'end-of-day'
where offer_id in ('STORE-WELCOME-10', 'REGULAR-THANKS') and coupon_validity is null;
