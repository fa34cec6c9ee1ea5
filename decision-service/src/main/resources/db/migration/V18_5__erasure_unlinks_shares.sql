-- Erasure now removes who shared what to whom: the share links of an erased sharer and the share claims of an
-- erased friend stay, for the link's clicks and the sharer's claim counts, but without the erased customer's id.
-- SQL that H2 2.x and PostgreSQL 14+ both accept.
alter table share_link alter column sharer_id drop not null;
alter table share_claim alter column friend_id drop not null;
