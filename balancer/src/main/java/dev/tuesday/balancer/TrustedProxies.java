package dev.tuesday.balancer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peers whose forwarding headers the balancer believes: addresses and ranges in CIDR form
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Only literal addresses are accepted, so that reading the
 * configuration never asks a name server.
 */
public final class TrustedProxies {
    /** Trusts no one: every client's forwarding headers are replaced. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    /** Digits, dots, colons and hex letters: a literal address, never a name to resolve. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]+");

    private final List<String> entries;
    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private TrustedProxies(List<String> entries, List<Range> ranges) {
        this.entries = entries;
        this.ranges = ranges;
    }

    /**
     * Reads {@code entries}, each an address or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(range(entry));
        }
        return new TrustedProxies(List.copyOf(entries), List.copyOf(ranges));
    }

    /** The entries as written. */
    public List<String> entries() {
        return entries;
    }

    /** Whether {@code peer} is one of the trusted proxies. */
    public boolean trusts(InetAddress peer) {
        byte[] address = peer.getAddress();
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        String text = entry == null ? "" : entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!LITERAL.matcher(address).matches() || (!address.contains(".") && !address.contains(":"))) {
            throw notAnAddress(entry);
        }
        byte[] network;
        try {
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(entry);
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw notAnAddress(entry);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw notAnAddress(entry);
            }
        }
        return new Range(network, prefix);
    }

    private static IllegalArgumentException notAnAddress(String entry) {
        return new IllegalArgumentException("'" + entry + "' is not an address or a range such as 10.0.0.0/8");
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
