package io.marquee.catalog.repository;

import io.marquee.common.problem.ApiException;

/** The orders a title list can be read in, each a keyset over an index ending in the title id. */
public enum TitleSort {
    POPULAR("popular"),
    NEWEST("newest"),
    TITLE("title");

    private final String param;

    TitleSort(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    public static TitleSort of(String value) {
        if (value == null || value.isBlank()) {
            return POPULAR;
        }
        for (TitleSort sort : values()) {
            if (sort.param.equals(value)) {
                return sort;
            }
        }
        throw ApiException.validation("sort", "must be one of popular, newest, title");
    }
}
