-- Head office takes a template back by setting withdrawn_at rather than deleting the row, because the local campaigns
-- created from it still reference it and keep its settings. Marking the offer again clears both columns.
alter table local_template add column withdrawn_by varchar(100);
alter table local_template add column withdrawn_at timestamp with time zone;
