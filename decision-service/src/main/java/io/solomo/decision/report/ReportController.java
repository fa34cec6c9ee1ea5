package io.solomo.decision.report;

import io.solomo.decision.web.InvalidFieldException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reports for head office (MARKETER, ANALYST and ADMIN): offer results and the lift over the holdout group. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

    private static final Duration MIN_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final OfferReports offers;
    private final LiftReports lift;
    private final ZoneId brandZone;

    ReportController(OfferReports offers, LiftReports lift,
                     @Value("${solomo.default-time-zone:Europe/Paris}") ZoneId brandZone) {
        this.offers = offers;
        this.lift = lift;
        this.brandZone = brandZone;
    }

    @GetMapping("/offers")
    @Transactional(readOnly = true)
    OffersReport offers(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.parse(from, to, brandZone);
        return new OffersReport(period.from(), period.to(), offers.report(period));
    }

    @GetMapping("/lift")
    @Transactional(readOnly = true)
    LiftResult lift(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "P14D") String window) {
        ReportPeriod period = ReportPeriod.parse(from, to, brandZone);
        return lift.report(period, parseWindow(window));
    }

    private static Duration parseWindow(String window) {
        Duration parsed;
        try {
            parsed = Duration.parse(window);
        } catch (DateTimeParseException invalid) {
            parsed = null;
        }
        if (parsed == null || parsed.compareTo(MIN_WINDOW) < 0 || parsed.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidFieldException("window", window, "window '" + window + "' must be an ISO duration in "
                    + "days or hours from PT1H to P366D, such as P14D", "La fenêtre « " + window + " » doit être "
                    + "une durée ISO en jours ou en heures entre PT1H et P366D, comme P14D.");
        }
        return parsed;
    }

    /** The offers with any contact, delivery, outcome or coupon in the period, sorted by offer id. */
    record OffersReport(Instant from, Instant to, List<OfferResult> offers) {
    }
}
