-- Each device's presence state, kept so that after a restart the server still knows which geofences a device is
-- inside and does not repeat their enter. One row per device seen within the silence timeout; a silent device's
-- row is deleted with its synthetic exit. The last fix's time, position and accuracy are the reference of the next
-- speed check.
-- geofences is a JSON array of the geofences the device is inside or about to enter:
-- [{"storeId": ..., "phase": "PENDING" | "ENTERED" | "DWELLING", "since": ISO-8601 instant, "sizeMeters": ...}].
create table device_presence (
    device_id            varchar(200) primary key,
    customer_id          varchar(100),
    last_fix_at          timestamp with time zone not null,
    last_latitude        double precision not null,
    last_longitude       double precision not null,
    last_accuracy_meters double precision not null,
    last_seen_at         timestamp with time zone not null,
    geofences            varchar(1000000) not null
);
create index ix_device_presence_last_seen on device_presence (last_seen_at);
