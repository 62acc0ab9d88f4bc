package io.marquee.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The configuration production cannot start without (DESIGN.md's table), checked before Quarkus starts so the
 * operator reads one message naming every missing environment variable. Dev and test mode generate all of it.
 */
public final class RequiredEnvironment {

    /** Environment variable and the configuration property it sets (a {@code -D} system property also counts). */
    static final Map<String, String> REQUIRED = requiredVariables();

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    RequiredEnvironment(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static RequiredEnvironment fromSystem() {
        return new RequiredEnvironment(System::getenv, System::getProperty);
    }

    /** A message naming what is missing, or empty when production can start (or the profile is not production). */
    public Optional<String> missing() {
        String profile = firstSet(systemProperties.apply("quarkus.profile"), environment.apply("QUARKUS_PROFILE"));
        if (profile != null && !List.of(profile.split(",")).contains("prod")) {
            return Optional.empty();
        }
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(e -> firstSet(environment.apply(e.getKey()), systemProperties.apply(e.getValue())) == null)
                .map(Map.Entry::getKey)
                .toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(
                "Marquee cannot start: missing required configuration. Set the environment variable"
                        + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + " (see README.md, Configuration).");
    }

    private static String firstSet(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }

    private static Map<String, String> requiredVariables() {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url");
        required.put("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url");
        required.put("QUARKUS_DATASOURCE_USERNAME", "quarkus.datasource.username");
        required.put("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password");
        required.put("MARQUEE_MEDIA_BUCKET", "marquee.media.bucket");
        required.put("QUARKUS_S3_AWS_REGION", "quarkus.s3.aws.region");
        required.put("MARQUEE_JWT_SIGNING_KEY", "marquee.jwt.signing-key");
        required.put("MARQUEE_GRANT_SECRET", "marquee.grant.secret");
        return java.util.Collections.unmodifiableMap(required);
    }
}
