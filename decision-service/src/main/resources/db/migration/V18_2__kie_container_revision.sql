-- A new value at each create or release id update, so that the other nodes rebuild a container whose kjar was
-- re-uploaded and reloaded under the same release id, or which was disposed and created again with the same one.
alter table kie_container add column revision varchar(36) default 'initial' not null;
