-- An index that the dispatcher's claim reads in order. The claim takes the oldest due rows of one status at a time
-- (status = ? and next_attempt_at <= ? order by status, next_attempt_at, delivery_id), so it stops after the rows it
-- takes instead of reading and sorting the whole backlog on every poll.
--
-- A row inserted without next_attempt_at is due at once: the column gets the current time as its default and is no
-- longer null, so that the claim's range on the index includes every due row.
update delivery set next_attempt_at = coalesce(updated_at, created_at) where next_attempt_at is null;
alter table delivery alter column next_attempt_at set default current_timestamp;
alter table delivery alter column next_attempt_at set not null;

drop index ix_delivery_due;
create index ix_delivery_due on delivery (status, next_attempt_at, delivery_id);
