package io.marquee.catalog;

import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent catalog requests than the database pool has connections: a request must never hold one connection
 * while it waits for another, or a busy pool deadlocks.
 */
@QuarkusTest
class CatalogConcurrencyTest {

    @Test
    void sixtyFourConcurrentProfileRequestsAllComplete() throws Exception {
        String token = Api.newProfileToken();
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 192; i++) {
                String path = switch (i % 3) {
                    case 0 -> "/api/v1/titles?limit=20";
                    case 1 -> "/api/v1/search?q=night&limit=10";
                    default -> "/api/v1/me/home";
                };
                requests.add(() -> Api.as(token).get(path).statusCode());
            }
            List<Future<Integer>> results = clients.invokeAll(requests, 60, TimeUnit.SECONDS);
            for (Future<Integer> result : results) {
                assertThat(result.isCancelled()).as("finished within 60 s").isFalse();
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
