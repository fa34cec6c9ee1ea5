-- The SHA-256 of each purchase as the point of sale sent it, so that a purchase id sent again with another body is
-- rejected instead of being returned as a replay. Purchases recorded before this version have none.
alter table purchase add column request_fingerprint varchar(64);
