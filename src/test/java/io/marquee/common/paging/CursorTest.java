package io.marquee.common.paging;

import io.marquee.common.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void valuesRoundTripThroughAnOpaqueUrlSafeString() {
        List<String> key = List.of("title", "the: \"odd\" name/é", "4b0e3f5c-0000-4000-8000-000000000000");
        String cursor = Cursor.encode(key);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(cursor, 3)).isEqualTo(key);
    }

    @Test
    void anythingElseIsAValidationErrorOnCursor() {
        assertThatThrownBy(() -> Cursor.decode("%%%", 3)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).problem().errors().get(0).field()).isEqualTo("cursor");
        assertThatThrownBy(() -> Cursor.decode(Cursor.encode(List.of("a", "b")), 3)).isInstanceOf(ApiException.class);
    }

    @Test
    void limitsDefaultAndCap() {
        assertThat(Limits.of(null)).isEqualTo(20);
        assertThat(Limits.of(100)).isEqualTo(100);
        assertThatThrownBy(() -> Limits.of(0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Limits.of(101)).isInstanceOf(ApiException.class);
    }
}
