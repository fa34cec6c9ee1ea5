package io.solomo.decision.store;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opening hours in the OpenStreetMap {@code opening_hours} syntax, the common subset: {@code 24/7}; rules separated by
 * {@code ;}, each with optional weekdays ({@code Mo-Fr}, {@code Mo,We,Sa-Su}; none means every day) and comma-separated
 * hour ranges ({@code 08:30-12:00,14:00-19:00}) or {@code off}/{@code closed}. A later rule replaces the hours of an
 * earlier one for the days it names, as in OpenStreetMap. A range ending after midnight ({@code 22:00-02:00}) runs
 * into the next day.
 *
 * <p>NOTE: public holidays ({@code PH}), school holidays, months, weeks and sunrise/sunset are not supported and
 * make {@link #parse} fail; such stores keep unknown hours.
 */
public final class OpeningHours {

    private static final List<String> DAY_CODES = List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su");
    private static final int MINUTES_PER_DAY = 24 * 60;

    /** Open minute ranges [start, end) per day, end up to 48 h to run past midnight. */
    private final Map<DayOfWeek, List<int[]>> ranges;
    private final String text;

    private OpeningHours(Map<DayOfWeek, List<int[]>> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses an {@code opening_hours} value.
     *
     * @throws IllegalArgumentException with the reason when the text is outside the supported syntax
     */
    public static OpeningHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("opening_hours is empty");
        }
        Map<DayOfWeek, List<int[]>> ranges = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            ranges.put(day, List.of());
        }
        for (String rule : text.split(";")) {
            String trimmed = rule.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            applyRule(trimmed, ranges);
        }
        return new OpeningHours(ranges, text.trim());
    }

    /** Returns whether the store is open at that local time. */
    public boolean isOpenAt(ZonedDateTime localTime) {
        int minute = localTime.getHour() * 60 + localTime.getMinute();
        for (int[] range : ranges.get(localTime.getDayOfWeek())) {
            if (minute >= range[0] && minute < range[1]) {
                return true;
            }
        }
        for (int[] range : ranges.get(localTime.getDayOfWeek().minus(1))) {
            if (minute + MINUTES_PER_DAY >= range[0] && minute + MINUTES_PER_DAY < range[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void applyRule(String rule, Map<DayOfWeek, List<int[]>> ranges) {
        if (rule.equals("24/7")) {
            for (DayOfWeek day : DayOfWeek.values()) {
                ranges.put(day, List.of(new int[]{0, MINUTES_PER_DAY}));
            }
            return;
        }
        String[] parts = rule.split("\\s+", 2);
        List<DayOfWeek> days;
        String hours;
        if (Character.isLetter(parts[0].charAt(0)) && !isOff(parts[0])) {
            days = days(parts[0]);
            hours = parts.length > 1 ? parts[1].trim() : "00:00-24:00";
        } else {
            days = List.of(DayOfWeek.values());
            hours = rule;
        }
        List<int[]> open = isOff(hours) ? List.of() : hourRanges(hours);
        for (DayOfWeek day : days) {
            ranges.put(day, open);
        }
    }

    private static boolean isOff(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("off") || lower.equals("closed");
    }

    private static List<DayOfWeek> days(String selector) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : selector.split(",")) {
            String[] bounds = item.split("-");
            if (bounds.length > 2) {
                throw new IllegalArgumentException("day range '" + item + "' is not like Mo-Fr");
            }
            int from = day(bounds[0]);
            int to = bounds.length == 2 ? day(bounds[1]) : from;
            for (int index = from; ; index = (index + 1) % 7) {
                days.add(DayOfWeek.of(index + 1));
                if (index == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(String code) {
        int index = DAY_CODES.indexOf(code.trim());
        if (index < 0) {
            throw new IllegalArgumentException("'" + code + "' is not a weekday code (Mo, Tu, We, Th, Fr, Sa, Su); "
                    + "holidays, months and weeks are not supported");
        }
        return index;
    }

    private static List<int[]> hourRanges(String hours) {
        List<int[]> ranges = new ArrayList<>();
        for (String item : hours.split(",")) {
            String[] bounds = item.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("hour range '" + item.trim() + "' is not like 08:00-12:30");
            }
            int start = minute(bounds[0]);
            int end = minute(bounds[1]);
            if (start >= MINUTES_PER_DAY) {
                throw new IllegalArgumentException("hour range '" + item.trim() + "' starts at or after 24:00");
            }
            ranges.add(new int[]{start, end <= start ? end + MINUTES_PER_DAY : end});
        }
        return List.copyOf(ranges);
    }

    private static int minute(String time) {
        String trimmed = time.trim();
        if (!trimmed.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a time like 08:30");
        }
        String[] parts = trimmed.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = Integer.parseInt(parts[1]);
        if (hour > 24 || minute > 59 || hour == 24 && minute > 0) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a time of day within 00:00..24:00");
        }
        if (hour < 24) {
            LocalTime.of(hour, minute);
        }
        return hour * 60 + minute;
    }
}
