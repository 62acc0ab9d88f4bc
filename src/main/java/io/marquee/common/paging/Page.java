package io.marquee.common.paging;

import java.util.List;

/** One page of a list: its items and the cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {
}
