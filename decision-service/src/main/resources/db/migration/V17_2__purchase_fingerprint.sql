-- The SHA-256 of each purchase's lines, which are not stored, so that a purchase id sent again with other lines is
-- rejected instead of being returned as a replay. Purchases recorded before this version have none.
alter table purchase add column request_fingerprint varchar(64);
