package dev.rmkit.burner.iso;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The two ECMA-119 date formats: the 7-byte binary form in directory records (§9.1.5) and the
 * 17-byte digit form in volume descriptors (§8.4.26.1). The burner always writes UTC (offset 0), so a
 * disc reads the same in every time zone.
 */
final class IsoDates {

    private static final DateTimeFormatter DIGITS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private IsoDates() {}

    /** Years 1900..2155 fit the one-byte year; others are clamped. */
    static void putRecordDate(byte[] b, int off, Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        b[off] = (byte) Math.max(0, Math.min(255, d.getYear() - 1900));
        b[off + 1] = (byte) d.getMonthValue();
        b[off + 2] = (byte) d.getDayOfMonth();
        b[off + 3] = (byte) d.getHour();
        b[off + 4] = (byte) d.getMinute();
        b[off + 5] = (byte) d.getSecond();
        b[off + 6] = 0;
    }

    /** Decodes a 7-byte date, honouring its offset in 15-minute units; an all-zero date is the epoch. */
    static Instant recordDate(byte[] b, int off) {
        int month = b[off + 1];
        int day = b[off + 2];
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return Instant.EPOCH;
        }
        try {
            LocalDateTime d = LocalDateTime.of(1900 + (b[off] & 0xff), month, day, b[off + 3], b[off + 4],
                    b[off + 5]);
            return d.toInstant(ZoneOffset.ofTotalSeconds(b[off + 6] * 15 * 60));
        } catch (java.time.DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    /** 17-byte form: 16 digits (hundredths are 00) and the offset byte. */
    static void putVolumeDate(byte[] b, int off, Instant t) {
        String s = LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(DIGITS) + "00";
        IsoBytes.putAscii(b, off, 16, s);
        b[off + 16] = 0;
    }

    /** The "not specified" 17-byte date: sixteen '0' digits and a zero offset. */
    static void putUnspecifiedVolumeDate(byte[] b, int off) {
        IsoBytes.putAscii(b, off, 16, "0000000000000000");
        b[off + 16] = 0;
    }
}
