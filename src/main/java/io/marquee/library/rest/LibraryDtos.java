package io.marquee.library.rest;

import io.marquee.library.view.LibraryViews.ContinueWatchingItem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/** What the personal library's endpoints read, and the envelope continue watching is wrapped in. */
public final class LibraryDtos {

    private LibraryDtos() {
    }

    public record RatingRequest(@NotNull @Pattern(regexp = "up|down|none", message = "must be up, down or none")
                                String rating) {
    }

    public record ContinueWatching(List<ContinueWatchingItem> items) {
    }
}
