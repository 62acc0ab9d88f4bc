package io.marquee.media;

import io.marquee.common.problem.DependencyFailures;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Ready only when the media bucket answers a HeadBucket within the configured timeout. */
@Readiness
@ApplicationScoped
public class MediaBucketReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "s3-media-bucket";

    private final S3AsyncClient s3;
    private final MediaConfig config;

    public MediaBucketReadinessCheck(S3AsyncClient s3, MediaConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> s3.headBucket(request -> request.bucket(config.bucket())))
                .ifNoItem().after(config.healthTimeout()).fail()
                .map(response -> HealthCheckResponse.named(NAME).up().withData("bucket", config.bucket()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("bucket", config.bucket())
                        .withData("reason", DependencyFailures.describe(failure)).build());
    }
}
