package io.marquee.account.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the address of the client behind trusted proxies: X-Forwarded-For is believed only when the direct peer is a
 * trusted proxy, and then read from the right, skipping further trusted proxies, so a client cannot choose its own
 * address by sending the header itself.
 */
public final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[?[0-9A-Fa-f:.]+]?");

    private final List<Network> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies) {
            networks.add(Network.parse(entry.trim())
                    .orElseThrow(() -> new IllegalArgumentException("Not an address or CIDR block: " + entry)));
        }
        this.trusted = List.copyOf(networks);
    }

    /** The client's address given the direct peer's address and every X-Forwarded-For header line. */
    public String resolve(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return peer;
            }
            if (!isTrusted(hop.get())) {
                return hop.get().getHostAddress();
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        return literal(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }

    static Optional<InetAddress> literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record Network(byte[] prefix, int bits) {

        static Optional<Network> parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            Optional<InetAddress> address = literal(parts[0]);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = address.get().getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            if (bits < 0 || bits > bytes.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new Network(bytes, bits));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = rest == 0 ? 0 : (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (candidate[full] & mask) == (prefix[full] & mask);
        }
    }
}
