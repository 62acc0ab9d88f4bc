package io.marquee.streaming.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP-date (RFC 9110 section 5.6.7): reads all three formats, writes IMF-fixdate. */
public final class HttpDates {

    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "([0-9]{2}):([0-9]{2}):([0-9]{2})";
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) " + MONTH + " ([0-9]{4}) " + TIME + " GMT");
    private static final Pattern RFC850_DATE = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ([0-9]{2})-" + MONTH + "-([0-9]{2}) "
                    + TIME + " GMT");
    private static final Pattern ASCTIME_DATE = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTH + " ([0-9]{2}| [0-9]) " + TIME + " ([0-9]{4})");

    private static final DateTimeFormatter IMF_FIXDATE_FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** The instant an HTTP-date names, or empty when the value is not a valid HTTP-date in any of its formats. */
    public static Optional<Instant> parse(String value) {
        return parse(value, Year.now(ZoneOffset.UTC).getValue());
    }

    /** As {@link #parse(String)}, resolving two-digit rfc850 years against {@code currentYear}. */
    static Optional<Instant> parse(String value, int currentYear) {
        String date = FieldSyntax.stripOws(value);
        Matcher imf = IMF_FIXDATE.matcher(date);
        if (imf.matches()) {
            return instant(number(imf, 3), imf.group(2), number(imf, 1), imf, 4);
        }
        Matcher rfc850 = RFC850_DATE.matcher(date);
        if (rfc850.matches()) {
            return instant(fullYear(number(rfc850, 3), currentYear), rfc850.group(2), number(rfc850, 1), rfc850, 4);
        }
        Matcher asctime = ASCTIME_DATE.matcher(date);
        if (asctime.matches()) {
            int day = Integer.parseInt(asctime.group(2).trim());
            return instant(number(asctime, 6), asctime.group(1), day, asctime, 3);
        }
        return Optional.empty();
    }

    /** The IMF-fixdate form, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; sub-second precision is dropped. */
    public static String format(Instant instant) {
        return IMF_FIXDATE_FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A two-digit year more than 50 years in the future means the most recent past year with those digits. */
    private static int fullYear(int twoDigitYear, int currentYear) {
        int year = currentYear - Math.floorMod(currentYear, 100) + twoDigitYear;
        if (year > currentYear + 50) {
            return year - 100;
        }
        return year + 100 <= currentYear + 50 ? year + 100 : year;
    }

    private static Optional<Instant> instant(int year, String month, int day, Matcher time, int hourGroup) {
        try {
            LocalDateTime dateTime = LocalDateTime.of(year, MONTHS.indexOf(month) + 1, day,
                    number(time, hourGroup), number(time, hourGroup + 1), number(time, hourGroup + 2));
            return Optional.of(dateTime.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }
}
