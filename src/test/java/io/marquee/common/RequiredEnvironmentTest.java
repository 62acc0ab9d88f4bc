package io.marquee.common;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredEnvironmentTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        RequiredEnvironment.REQUIRED.keySet().forEach(name -> env.put(name, "set"));
        return env;
    }

    @Test
    void completeEnvironmentStarts() {
        assertThat(new RequiredEnvironment(complete()::get, name -> null).missing()).isEmpty();
    }

    @Test
    void namesEveryMissingVariable() {
        Map<String, String> env = complete();
        env.remove("MARQUEE_GRANT_SECRET");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "  ");
        assertThat(new RequiredEnvironment(env::get, name -> null).missing()).hasValueSatisfying(message ->
                assertThat(message).contains("MARQUEE_GRANT_SECRET", "QUARKUS_DATASOURCE_PASSWORD")
                        .doesNotContain("MARQUEE_MEDIA_BUCKET"));
    }

    @Test
    void aSystemPropertyCountsAsSet() {
        Map<String, String> env = complete();
        env.remove("MARQUEE_GRANT_SECRET");
        assertThat(new RequiredEnvironment(env::get, Map.of("marquee.grant.secret", "x")::get).missing()).isEmpty();
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThat(new RequiredEnvironment(Map.of("QUARKUS_PROFILE", "dev")::get, name -> null).missing()).isEmpty();
    }
}
