package io.solomo.decision.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The push device tokens, one per app installation, each for Firebase Cloud Messaging or APNs. */
@Component
class DeviceTokens {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeviceTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the installation's current token, replacing the one it had. */
    void register(String installationId, String customerId, Platform platform, String token) {
        int updated = jdbc.update("update device_token set customer_id = ?, platform = ?, token = ?, updated_at = ? "
                        + "where installation_id = ?", customerId, platform.name(), token,
                SqlTime.of(clock.instant()), installationId);
        if (updated == 0) {
            jdbc.update("insert into device_token (installation_id, customer_id, platform, token, updated_at) "
                            + "values (?, ?, ?, ?, ?)", installationId, customerId, platform.name(), token,
                    SqlTime.of(clock.instant()));
        }
    }

    List<Device> of(String customerId) {
        return of(List.of(customerId)).getOrDefault(customerId, List.of());
    }

    /** Returns the devices of each customer, most recently registered first, with one query for all of them. */
    Map<String, List<Device>> of(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Device>> devices = new HashMap<>();
        jdbc.query("select customer_id, installation_id, platform, token from device_token where customer_id in ("
                        + String.join(", ", Collections.nCopies(customerIds.size(), "?")) + ") order by updated_at desc",
                (RowCallbackHandler) row -> devices.computeIfAbsent(row.getString("customer_id"),
                        id -> new ArrayList<>()).add(new Device(row.getString("installation_id"),
                        Platform.valueOf(row.getString("platform")), row.getString("token"))),
                customerIds.toArray());
        return devices;
    }

    /** Removes the installation; returns false when it was not registered to this customer. */
    boolean remove(String customerId, String installationId) {
        return jdbc.update("delete from device_token where customer_id = ? and installation_id = ?", customerId,
                installationId) == 1;
    }

    /** Removes a token the provider reported unregistered, whichever installation has it. */
    void removeToken(String token) {
        jdbc.update("delete from device_token where token = ?", token);
    }

    /** The push service of a device. */
    enum Platform {
        FCM, APNS;

        static Platform parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** One app installation's token; the token itself is a credential of the device and is never logged. */
    record Device(String installationId, Platform platform, String token) {
    }
}
