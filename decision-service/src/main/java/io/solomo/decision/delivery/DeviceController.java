package io.solomo.decision.delivery;

import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RejectUnknownFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The push device registry: the app registers its installation's token after each start and when it changes. */
@RestController
class DeviceController {

    private static final Logger log = LoggerFactory.getLogger(DeviceController.class);
    private static final int MAX_TOKEN_LENGTH = 500;
    /** The size of the {@code installation_id} column. */
    private static final int MAX_INSTALLATION_ID_LENGTH = 200;

    private final DeviceTokens devices;
    private final CustomerDirectory directory;

    DeviceController(DeviceTokens devices, CustomerDirectory directory) {
        this.devices = devices;
        this.directory = directory;
    }

    @PutMapping("/api/v1/customers/{customerId}/devices/{installationId}")
    DeviceView register(@PathVariable String customerId, @PathVariable String installationId,
                        @RequestBody DeviceBody body) {
        String customer = requireCustomer(customerId);
        if (installationId.isBlank()) {
            throw new InvalidFieldException("installationId", installationId, "installationId is blank; send the id "
                    + "of the app installation");
        }
        if (installationId.length() > MAX_INSTALLATION_ID_LENGTH) {
            throw new InvalidFieldException("installationId", installationId, "installationId must have 1 to "
                    + MAX_INSTALLATION_ID_LENGTH + " characters, got " + installationId.length());
        }
        if (body == null || body.platform() == null || body.platform().isBlank()) {
            throw new InvalidFieldException("platform", null, "platform is missing; expected FCM or APNS");
        }
        DeviceTokens.Platform platform;
        try {
            platform = DeviceTokens.Platform.parse(body.platform());
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("platform", body.platform(), "platform must be FCM or APNS, got "
                    + body.platform());
        }
        if (body.token() == null) {
            throw new InvalidFieldException("token", null, "token is missing; send the push token that FCM or APNs "
                    + "gave the app");
        }
        String token = body.token().trim();
        if (token.isEmpty()) {
            throw new InvalidFieldException("token", body.token(), "token is blank; send the push token that FCM or "
                    + "APNs gave the app");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidFieldException("token", token, "token must have at most " + MAX_TOKEN_LENGTH
                    + " characters, got " + token.length());
        }
        if (platform == DeviceTokens.Platform.APNS && !isHex(token)) {
            // APNs rejects every push to such a token with 400 BadDeviceToken, so the device would get nothing.
            throw new InvalidFieldException("token", token, "an APNS token is the device token in hexadecimal "
                    + "(0-9, a-f), as the app reads it from the bytes that APNs gave it; got '" + token + "'");
        }
        devices.register(installationId, customer, platform, token);
        log.info("Registered the {} token of installation {} for customer {}", platform, installationId, customer);
        return new DeviceView(installationId, platform.name());
    }

    @GetMapping("/api/v1/customers/{customerId}/devices")
    List<DeviceView> devices(@PathVariable String customerId) {
        return devices.of(requireCustomer(customerId)).stream()
                .map(device -> new DeviceView(device.installationId(), device.platform().name()))
                .toList();
    }

    @DeleteMapping("/api/v1/customers/{customerId}/devices/{installationId}")
    ResponseEntity<Void> remove(@PathVariable String customerId, @PathVariable String installationId) {
        if (!devices.remove(directory.currentId(customerId), installationId)) {
            throw new NotFoundException("device", "installationId", installationId);
        }
        return ResponseEntity.noContent().build();
    }

    private static boolean isHex(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** Returns the id the customer is known by now, following a merge, or fails with a 404. */
    private String requireCustomer(String customerId) {
        return directory.find(customerId).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
    }

    /** {@code platform} is {@code FCM} (Android, web) or {@code APNS} (iOS). */
    @RejectUnknownFields
    record DeviceBody(String platform, String token) {
    }

    /** A registered installation; the token is not returned. */
    record DeviceView(String installationId, String platform) {
    }
}
