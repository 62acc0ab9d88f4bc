package io.marquee.account;

import io.marquee.account.throttle.ClientAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private final ClientAddress behindBalancer = new ClientAddress(List.of("10.0.0.0/16", "192.168.1.5"));

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertThat(behindBalancer.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyIsReadFromTheRightSkippingOtherTrustedHops() {
        assertThat(behindBalancer.resolve("10.0.3.4", List.of("6.6.6.6, 198.51.100.7, 10.0.9.9")))
                .isEqualTo("198.51.100.7");
        assertThat(behindBalancer.resolve("192.168.1.5", List.of("198.51.100.8"))).isEqualTo("198.51.100.8");
    }

    @Test
    void garbageInTheHeaderFallsBackToThePeer() {
        assertThat(behindBalancer.resolve("10.0.3.4", List.of("evil.example.com"))).isEqualTo("10.0.3.4");
        assertThat(behindBalancer.resolve("10.0.3.4", List.of())).isEqualTo("10.0.3.4");
    }

    @Test
    void nothingIsTrustedByDefault() {
        assertThat(new ClientAddress(List.of()).resolve("127.0.0.1", List.of("1.2.3.4"))).isEqualTo("127.0.0.1");
    }
}
