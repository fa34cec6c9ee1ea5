-- Indexes on the time columns by which the retention run finds rows older than its periods, so that each batch
-- reads an index range and not the whole table.
create index ix_location_event_recorded on location_event (recorded_at);
create index ix_geofence_transition_occurred on geofence_transition (occurred_at);
create index ix_decision_decided on decision_record (decided_at);
create index ix_delivery_created on delivery (created_at);
