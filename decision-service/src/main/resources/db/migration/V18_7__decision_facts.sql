-- The facts the offer rules saw for a decision, as JSON: the customer's tier, language, channels, consents and
-- profile scores, and the contact's local time, store, chain, opening state and trigger. Decisions stored before
-- this column have none, so it is nullable. Erasure replaces it with '{}', like request_json.
alter table decision_record add column facts_json varchar(100000);
