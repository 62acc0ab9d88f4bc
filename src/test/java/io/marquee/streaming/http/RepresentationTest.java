package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepresentationTest {

    private static final Instant MODIFIED = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void takesTheObjectStoreEtagAsSent() {
        Representation object = Representation.of("\"9b2cf535f27731c974343645a3985328\"", MODIFIED, 42);
        assertEquals(new EntityTag("9b2cf535f27731c974343645a3985328", false), object.etag());
        assertEquals("\"9b2cf535f27731c974343645a3985328\"", object.etag().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"abc\"", "abc", "\"abc", ""})
    void refusesAWeakOrMalformedEtag(String etag) {
        assertThrows(IllegalArgumentException.class, () -> Representation.of(etag, MODIFIED, 42));
    }

    @Test
    void keepsLastModifiedToTheSecondAsAnHttpDateDoes() {
        Representation object = Representation.of("\"a\"", Instant.parse("2024-03-01T12:00:00.999Z"), 42);
        assertEquals(MODIFIED, object.lastModified());
    }

    @Test
    void refusesANegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> Representation.of("\"a\"", MODIFIED, -1));
    }
}
