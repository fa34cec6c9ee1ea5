package io.solomo.decision.profile;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Data subject requests, handled by an administrator: export and erasure of one person's data. */
@RestController
class DataSubjectController {

    private final DataSubjectRights rights;

    DataSubjectController(DataSubjectRights rights) {
        this.rights = rights;
    }

    @GetMapping("/api/v1/customers/{customerId}/export")
    Map<String, Object> export(@PathVariable String customerId) {
        return rights.export(customerId);
    }

    @DeleteMapping("/api/v1/customers/{customerId}")
    DataSubjectRights.Erasure erase(@PathVariable String customerId) {
        return rights.erase(customerId);
    }
}
