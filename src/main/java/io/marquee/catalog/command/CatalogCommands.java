package io.marquee.catalog.command;

import io.marquee.account.model.MaturityLevel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What administrators send to change the catalog, free of HTTP: the admin resource validates them at the boundary
 * and the catalog service applies them.
 */
public final class CatalogCommands {

    private CatalogCommands() {
    }

    public record CreateTitleRequest(
            @NotNull @Pattern(regexp = "movie|series", message = "must be movie or series") String type,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 5000) String synopsis,
            @NotNull @Min(1870) @Max(2200) Integer year,
            @NotNull @MaturityLevel Integer maturityRating,
            @Size(max = 10) List<@NotBlank String> genres,
            @Size(max = 100) List<@NotBlank @Size(max = 200) String> cast,
            @Positive Integer runtimeSeconds) {
    }

    /** Fields left out (or null) keep their value. */
    public record TitlePatch(
            @Size(min = 1, max = 200) String name,
            @Size(max = 5000) String synopsis,
            @Min(1870) @Max(2200) Integer year,
            @MaturityLevel Integer maturityRating,
            @Size(max = 10) List<@NotBlank String> genres,
            @Size(max = 100) List<@NotBlank @Size(max = 200) String> cast,
            @Positive Integer runtimeSeconds) {
    }

    public record CreateEpisodeRequest(
            @NotNull @Positive Integer number,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 5000) String synopsis,
            @NotNull @Positive Integer durationSeconds) {
    }
}
