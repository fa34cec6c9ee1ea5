package io.solomo.decision.location;

import io.solomo.decision.location.DevicePresence.GeofenceState;
import io.solomo.decision.location.DevicePresence.Snapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code device_presence} table: one row per device with its last applied fix and the geofences it is inside,
 * written in JDBC batches. Callers provide the transaction.
 */
@Repository
class DevicePresenceStore {

    private static final TypeReference<List<GeofenceState>> GEOFENCES = new TypeReference<>() { };
    private static final String COLUMNS = "device_id, customer_id, last_fix_at, last_latitude, last_longitude, "
            + "last_accuracy_meters, last_seen_at, geofences";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final ObjectMapper json;

    DevicePresenceStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
    }

    /** Returns the stored snapshots of these devices; devices without a row are left out. */
    List<Snapshot> find(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return namedJdbc.query("select " + COLUMNS + " from device_presence where device_id in (:ids)",
                Map.of("ids", deviceIds), (row, index) -> snapshot(row));
    }

    /** Returns the snapshots of devices whose last fix reached the server before {@code seenBefore}. */
    List<Snapshot> findSilent(Instant seenBefore) {
        return jdbc.query("select " + COLUMNS + " from device_presence where last_seen_at < ?",
                (row, index) -> snapshot(row), utc(seenBefore));
    }

    /** Inserts or replaces the rows of these snapshots: one batch of updates, then one of inserts for new devices. */
    void save(Collection<Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        List<Snapshot> all = List.copyOf(snapshots);
        int[][] updated = jdbc.batchUpdate("update device_presence set customer_id = ?, last_fix_at = ?, "
                        + "last_latitude = ?, last_longitude = ?, last_accuracy_meters = ?, last_seen_at = ?, "
                        + "geofences = ? where device_id = ?", all, all.size(),
                (statement, snapshot) -> {
                    statement.setString(1, snapshot.customerId());
                    statement.setObject(2, utc(snapshot.lastFixAt()));
                    statement.setDouble(3, snapshot.lastLatitude());
                    statement.setDouble(4, snapshot.lastLongitude());
                    statement.setDouble(5, snapshot.lastAccuracyMeters());
                    statement.setObject(6, utc(snapshot.lastSeenAt()));
                    statement.setString(7, json.writeValueAsString(snapshot.geofences()));
                    statement.setString(8, snapshot.deviceId());
                });
        List<Snapshot> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (updated[0][i] == 0) {
                missing.add(all.get(i));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into device_presence (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", missing,
                missing.size(), (statement, snapshot) -> {
                    statement.setString(1, snapshot.deviceId());
                    statement.setString(2, snapshot.customerId());
                    statement.setObject(3, utc(snapshot.lastFixAt()));
                    statement.setDouble(4, snapshot.lastLatitude());
                    statement.setDouble(5, snapshot.lastLongitude());
                    statement.setDouble(6, snapshot.lastAccuracyMeters());
                    statement.setObject(7, utc(snapshot.lastSeenAt()));
                    statement.setString(8, json.writeValueAsString(snapshot.geofences()));
                });
    }

    /** Deletes the rows of devices whose state was dropped, such as silent devices after their synthetic exit. */
    void delete(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        List<String> all = List.copyOf(deviceIds);
        jdbc.batchUpdate("delete from device_presence where device_id = ?", all, all.size(),
                (statement, deviceId) -> statement.setString(1, deviceId));
    }

    private Snapshot snapshot(ResultSet row) throws SQLException {
        return new Snapshot(row.getString("device_id"), row.getString("customer_id"),
                row.getObject("last_fix_at", OffsetDateTime.class).toInstant(), row.getDouble("last_latitude"),
                row.getDouble("last_longitude"), row.getDouble("last_accuracy_meters"),
                row.getObject("last_seen_at", OffsetDateTime.class).toInstant(),
                json.readValue(row.getString("geofences"), GEOFENCES));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
