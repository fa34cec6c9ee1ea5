package io.solomo.decision.report;

import io.solomo.decision.web.InvalidFieldException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The period of a report, from {@code from} included to {@code to} excluded. A request gives each end as an ISO date
 * or an ISO instant. A date {@code from} starts at midnight of that day and a date {@code to} ends at midnight after
 * that day, both in the brand's time zone, so {@code from=2026-12-01&to=2026-12-31} covers the whole of December.
 */
record ReportPeriod(Instant from, Instant to) {

    /** The maximum length of a report's period, so that one request reads a bounded number of rows. */
    static final Duration MAX_LENGTH = Duration.ofDays(366);

    /** Parses the request's ends, rejecting a missing or unreadable end, an empty period or one over 366 days. */
    static ReportPeriod parse(String from, String to, ZoneId zone) {
        Instant start = parseEnd("from", from, zone, false);
        Instant end = parseEnd("to", to, zone, true);
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("to", to, "to must be after from (" + from + "), got " + to,
                    "La fin de la période (to) doit venir après son début (" + from + "), reçu " + to + ".");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidFieldException("to", to, "the period from " + from + " to " + to
                    + " is longer than 366 days; ask for several shorter periods",
                    "La période du " + from + " au " + to + " dépasse 366 jours ; demandez plusieurs périodes "
                            + "plus courtes.");
        }
        return new ReportPeriod(start, end);
    }

    private static Instant parseEnd(String field, String value, ZoneId zone, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, null, field + " is missing; expected an ISO date such as "
                    + "2026-12-01 or an instant such as 2026-12-01T08:00:00Z", field + " est absent ; il faut une "
                    + "date ISO comme 2026-12-01 ou un instant comme 2026-12-01T08:00:00Z.");
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException invalid) {
            throw new InvalidFieldException(field, value, field + " '" + value + "' is neither an ISO date such as "
                    + "2026-12-01 nor an instant such as 2026-12-01T08:00:00Z", field + " « " + value + " » n’est "
                    + "ni une date ISO comme 2026-12-01 ni un instant comme 2026-12-01T08:00:00Z.");
        }
    }
}
