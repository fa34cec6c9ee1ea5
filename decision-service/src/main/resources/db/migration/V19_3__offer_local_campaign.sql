-- The offer row of a local campaign at one store names its template and campaign. The in-memory catalogue maps a
-- template proposed by the rules to the offer of the local campaign running at the contact's store.
alter table offer add column template_offer_id varchar(100);
alter table offer add column local_campaign_id bigint;
