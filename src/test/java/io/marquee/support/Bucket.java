package io.marquee.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Looks into the media bucket the way an operator would: objects and unfinished multipart uploads. */
public final class Bucket {

    public static final String NAME = "marquee-media";

    private Bucket() {
    }

    /** A client of the S3 server that {@code config} (the application's {@code quarkus.s3.*} settings) points at. */
    public static S3Client client(Map<String, String> config) {
        return S3Client.builder()
                .endpointOverride(URI.create(config.get("quarkus.s3.endpoint-override")))
                .region(Region.of(config.get("quarkus.s3.aws.region")))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"),
                        config.get("quarkus.s3.aws.credentials.static-provider.secret-access-key"))))
                .build();
    }

    public static List<String> keys(S3Client s3, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(NAME).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public static List<String> pendingUploads(S3Client s3, String prefix) {
        return s3.listMultipartUploads(r -> r.bucket(NAME).prefix(prefix)).uploads().stream()
                .map(MultipartUpload::key).toList();
    }

    /** Nothing under the title's prefix: no object, no unfinished upload. */
    public static boolean emptyFor(S3Client s3, String titleId) {
        String prefix = "titles/" + titleId + "/";
        return keys(s3, prefix).isEmpty() && pendingUploads(s3, prefix).isEmpty();
    }

    public static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(S3Client s3, String key) {
        ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(NAME).key(key));
        return sha256(in);
    }
}
