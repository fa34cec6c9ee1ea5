-- OpenStreetMap opening_hours of a store, as imported; null when unknown.
alter table store add column opening_hours varchar(1000);
