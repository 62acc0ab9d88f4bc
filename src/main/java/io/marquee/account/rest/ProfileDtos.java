package io.marquee.account.rest;

import io.marquee.account.model.MaturityLevel;
import io.marquee.account.model.Profile;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of the profile endpoints. */
public final class ProfileDtos {

    static final String PIN_PATTERN = "\\d{4}";
    static final String PIN_MESSAGE = "must be exactly 4 digits";

    private ProfileDtos() {
    }

    public record ProfileView(UUID id, String name, int maturityLevel, boolean locked) {
        public static ProfileView of(Profile profile) {
            return new ProfileView(profile.id, profile.name, profile.maturityLevel, profile.locked());
        }
    }

    public record ProfileList(List<ProfileView> items) {
    }

    public record CreateProfileRequest(
            @NotBlank @Size(max = 50) String name,
            @NotNull @MaturityLevel Integer maturityLevel,
            @Pattern(regexp = PIN_PATTERN, message = PIN_MESSAGE) String pin) {
    }

    /** Documents the PATCH body: any of the fields; {@code "pin": null} removes the PIN. */
    public record ProfilePatch(String name, Integer maturityLevel, String pin) {
    }

    public record SelectProfileRequest(@Pattern(regexp = PIN_PATTERN, message = PIN_MESSAGE) String pin) {
    }
}
