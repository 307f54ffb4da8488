package io.stagesync.store.jdbc;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the instants stagesync stores as text ({@link Instant#toString()}: {@code 2026-11-30T09:15:00Z}, with an
 * optional fraction of up to nine digits) without {@link java.time.format.DateTimeFormatter}, which costs several
 * microseconds per value and a record carries one per field; any other form goes through {@link Instant#parse}.
 * Stateless, thread-safe.
 */
final class IsoInstants {
    private static final int SECONDS_END = 19;

    private IsoInstants() {
    }

    /** The instant, or empty when the text is no ISO-8601 instant. */
    static Optional<Instant> parse(String text) {
        Instant fast = fast(text);
        if (fast != null) {
            return Optional.of(fast);
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The instant of text in exactly {@link Instant#toString()}'s form for years 0000–9999, else null. */
    private static Instant fast(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > SECONDS_END + 1) {
            int fraction = length - 1 - (SECONDS_END + 1);
            if (text.charAt(SECONDS_END) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, SECONDS_END + 1, length - 1);
            for (int i = fraction; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        } else if (length != SECONDS_END + 1) {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || nanos < 0) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in text[from, to), or -1 when a character there is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
