package io.marquee.support;

import io.marquee.localservices.LocalServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The application with its S3 traffic going through a {@link FaultyProxy}, and a short S3 read timeout. */
public class FaultyS3Profile implements QuarkusTestProfile {

    public static FaultyProxy proxy;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(LocalServices.sharedConfig("test"));
            try {
                proxy = FaultyProxy.start(URI.create(config.get("quarkus.s3.endpoint-override")).getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("quarkus.s3.endpoint-override", "http://127.0.0.1:" + proxy.port());
            config.put("marquee.streaming.s3-read-timeout", "3s");
            config.put("quarkus.datasource.reactive.url", config.get("quarkus.datasource.reactive.url"));
            return config;
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
    }
}
