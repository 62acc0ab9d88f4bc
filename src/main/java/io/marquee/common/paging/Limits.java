package io.marquee.common.paging;

import io.marquee.common.problem.ApiException;

/** The page size of a list: {@code ?limit=} from 1 to 100, 20 when absent. */
public final class Limits {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private Limits() {
    }

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw ApiException.validation("limit", "must be between 1 and " + MAX);
        }
        return requested;
    }
}
