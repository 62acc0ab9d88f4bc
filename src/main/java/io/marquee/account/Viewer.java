package io.marquee.account;

import java.util.UUID;

/**
 * The audience of a catalog answer: an account and, when a profile is selected, that profile and the highest age
 * rating it may see (18, everything, without a profile).
 */
public record Viewer(UUID accountId, UUID profileId, String profileName, int maturityLevel) {

    public static final int ALL_RATINGS = 18;

    public boolean hasProfile() {
        return profileId != null;
    }

    public boolean maySee(int maturityRating) {
        return maturityRating <= maturityLevel;
    }
}
