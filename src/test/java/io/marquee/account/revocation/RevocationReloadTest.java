package io.marquee.account.revocation;

import io.marquee.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * After a (re)connection the listener reloads recent revocations; while that reload fails (here PostgreSQL really
 * refuses its query) the instance is not ready, and the reload is retried until it succeeds.
 */
@QuarkusTest
class RevocationReloadTest {

    @Inject
    RevocationFeed feed;
    @Inject
    Pool pool;

    @AfterEach
    void restore() {
        pool.query("ALTER TABLE IF EXISTS login_session_away RENAME TO login_session").execute().await().indefinitely();
    }

    @Test
    void aFailingReloadKeepsReadinessDownAndIsRetriedUntilItSucceeds() {
        Eventually.within(Duration.ofSeconds(10), feed::isCurrent);
        pool.query("ALTER TABLE login_session RENAME TO login_session_away").execute().await().indefinitely();

        feed.listening(); // what every reconnection of the listener runs
        assertThat(feed.isCurrent()).isFalse();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'revocations' }.status", equalTo("DOWN"));

        // Nothing calls listening() again: only the feed's own retries can make it current once the query works.
        pool.query("ALTER TABLE login_session_away RENAME TO login_session").execute().await().indefinitely();
        // The backoff doubles up to RevocationFeed.MAX_RETRY_MILLIS: the next retry comes within that.
        Eventually.within(Duration.ofMillis(RevocationFeed.MAX_RETRY_MILLIS + 15_000), feed::isCurrent);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("revocations"));
    }
}
