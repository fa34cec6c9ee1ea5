-- Enter, dwell, exit and pass-through of a device at a store's geofence, one row per transition.
-- cause is FIX, SILENCE (synthetic exit of a silent device) or GEOFENCE_DELETED; event_id is the fix behind a
-- FIX transition; decision_id is the decision it triggered, if any.
create table geofence_transition (
    transition_id varchar(36)  primary key,
    device_id     varchar(100) not null,
    customer_id   varchar(100) not null,
    store_id      varchar(200) not null,
    kind          varchar(20)  not null,
    cause         varchar(20)  not null,
    event_id      varchar(100),
    occurred_at   timestamp with time zone not null,
    recorded_at   timestamp with time zone not null,
    decision_id   varchar(36)
);
create index ix_geofence_transition_customer on geofence_transition (customer_id, occurred_at);
create index ix_geofence_transition_store on geofence_transition (store_id, occurred_at);

-- How the tracker treated each fix: APPLIED, DUPLICATE, LATE or SUSPECT; null until the route has handled it.
alter table location_event add column assessment varchar(20);
