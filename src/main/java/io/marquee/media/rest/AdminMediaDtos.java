package io.marquee.media.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What the index backfill endpoint answers (the ladder itself is {@link io.marquee.media.view.MediaViews}). */
public final class AdminMediaDtos {

    private AdminMediaDtos() {
    }

    /** What an index backfill did. */
    public record BackfillReport(
            @Schema(description = "video assets indexed by this run") int indexed,
            @Schema(description = "video assets that cannot be indexed, and why") List<BackfillFailure> failed,
            @Schema(description = "video assets that had an index before this run") long alreadyIndexed) {
    }

    public record BackfillFailure(UUID assetId, String reason, String detail) {
    }
}
