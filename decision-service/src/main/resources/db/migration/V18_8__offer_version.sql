-- Version of each offer, raised by every change made through the offer API. The API returns it as the ETag and
-- takes it back in If-Match, so that two marketers editing the same offer cannot overwrite each other unseen.
-- Rows written with SQL keep their version unless the statement raises it.
alter table offer add column version bigint default 0 not null;
