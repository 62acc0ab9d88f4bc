package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 06 08:49:37 1994",
        " \tSun, 06 Nov 1994 08:49:37 GMT\t "
    })
    void readsAllThreeFormats(String value) {
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse(value));
    }

    @Test
    void readsAsctimeWithATwoDigitDay() {
        assertEquals(Optional.of(Instant.parse("1994-11-16T08:49:37Z")), HttpDates.parse("Wed Nov 16 08:49:37 1994"));
    }

    @Test
    void checksTheDayNameForSyntaxOnly() {
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT"));
    }

    @ParameterizedTest
    @CsvSource({
        "94, 2025, 1994",
        "25, 2025, 2025",
        "75, 2025, 2075",
        "76, 2025, 1976",
        "00, 2099, 2100",
        "50, 2099, 2050"
    })
    void readsATwoDigitYearAsNoMoreThanFiftyYearsAhead(String twoDigits, int currentYear, int year) {
        Instant expected = Instant.parse(year + "-11-06T08:49:37Z");
        assertEquals(Optional.of(expected), HttpDates.parse("Sunday, 06-Nov-" + twoDigits + " 08:49:37 GMT", currentYear));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "yesterday",
        "784111777",
        "1994-11-06T08:49:37Z",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06 Nov 1994 08:49:37",
        "sun, 06 nov 1994 08:49:37 gmt",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:60 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun, \uFF10\uFF16 Nov 1994 08:49:37 GMT"
    })
    void anythingElseIsNotADate(String value) {
        assertEquals(Optional.empty(), HttpDates.parse(value));
    }

    @ParameterizedTest
    @CsvSource({
        "1994-11-06T08:49:37Z, 'Sun, 06 Nov 1994 08:49:37 GMT'",
        "1994-11-06T08:49:37.999Z, 'Sun, 06 Nov 1994 08:49:37 GMT'",
        "2024-03-01T00:00:00Z, 'Fri, 01 Mar 2024 00:00:00 GMT'"
    })
    void formatsImfFixdateToTheSecond(Instant instant, String formatted) {
        assertEquals(formatted, HttpDates.format(instant));
    }

    @Test
    void readsWhatItWrites() {
        Instant instant = Instant.parse("2031-07-09T23:05:01Z");
        assertEquals(Optional.of(instant), HttpDates.parse(HttpDates.format(instant)));
    }
}
