package io.marquee.account;

import io.marquee.account.password.SecretHashing;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password hashing is CPU-bound and holds 19 MiB per hash: a burst of logins must hash on at most one thread per core,
 * never on as many worker threads as there are requests.
 */
@QuarkusTest
class SecretHashingTest {

    @Inject
    SecretHashing hashing;

    @Test
    void aBurstOfHashesRunsOnAtMostOneThreadPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Uni<Boolean>> burst = IntStream.range(0, 4 * cores)
                .mapToObj(i -> hashing.hash("password " + i).chain(hash -> hashing.verify("password " + i, hash)))
                .toList();

        List<Boolean> verified = Uni.join().all(burst).andFailFast().await().atMost(Duration.ofMinutes(2));

        assertThat(verified).containsOnly(true);
        Set<String> hashingThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("marquee-secret-hashing")).collect(Collectors.toSet());
        assertThat(hashingThreads).isNotEmpty().hasSizeLessThanOrEqualTo(cores);
    }
}
