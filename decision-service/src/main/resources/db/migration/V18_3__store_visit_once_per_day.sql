-- The date of each store visit in the store's time zone, unique per customer and store, so that two transactions
-- counting the same customer's visit to a store on the same day cannot both insert a row.
--
-- Visits stored before this version keep a null date, and a unique key treats nulls as distinct on H2 and
-- PostgreSQL, so doubled visits left by that race cannot make this migration fail. Their dates are not computed
-- here because a visit to a store missing from the store table takes the server setting solomo.default-time-zone,
-- which SQL cannot read. The server checks each new visit against them by time before inserting it, and they stop
-- counting once they are older than solomo.loyalty.regular-window.
alter table store_visit add column visit_day date;
alter table store_visit add constraint uk_store_visit_customer_store_day unique (customer_id, store_id, visit_day);
