package io.marquee.streaming.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRequestTest {

    @Test
    void readsEachFieldByItsName() {
        Map<String, List<String>> fields = Map.of(
                "If-Match", List.of("\"a\""),
                "If-None-Match", List.of("\"b\"", "\"c\""),
                "If-Modified-Since", List.of("ims"),
                "If-Unmodified-Since", List.of("ius"),
                "If-Range", List.of("ir"),
                "Range", List.of("bytes=0-1"));
        assertEquals(new ByteRequest(ByteRequest.Method.HEAD, List.of("\"a\""), List.of("\"b\"", "\"c\""),
                        List.of("ims"), List.of("ius"), List.of("ir"), List.of("bytes=0-1")),
                ByteRequest.of("HEAD", fields::get));
    }

    @Test
    void anAbsentFieldHasNoLines() {
        ByteRequest request = ByteRequest.of("GET", name -> null);
        assertEquals(List.of(), request.ifMatch());
        assertEquals(List.of(), request.range());
    }

    @Test
    void keepsItsOwnCopyOfTheLines() {
        List<String> range = new ArrayList<>(List.of("bytes=0-1"));
        ByteRequest request = ByteRequest.of("GET", name -> name.equals("Range") ? range : List.of());
        range.add("bytes=2-3");
        assertEquals(List.of("bytes=0-1"), request.range());
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "POST", "PUT", ""})
    void servesOnlyGetAndHead(String method) {
        assertThrows(IllegalArgumentException.class, () -> ByteRequest.of(method, name -> List.of()));
    }
}
