package io.invitekit.adapter.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which resolved addresses a webhook may reach: public unicast only. Refused are the ranges that
 * lead into the deployment's own network or nowhere — loopback, unspecified, private, carrier-grade
 * NAT, link-local (where cloud metadata services answer, {@code 169.254.169.254}), unique-local
 * IPv6 (AWS's {@code fd00:ec2::254}), multicast, benchmarking, documentation and reserved — and the
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) when that address is refused.
 * Works on the address bytes only: no lookup, no reverse lookup.
 */
final class AddressGuard {

    /** IPv4 ranges refused, as CIDR. */
    private static final List<Range> REFUSED_V4 = ranges(
            "0.0.0.0/8",          // "this network", 0.0.0.0 (which Linux connects to the local host)
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT (and Alibaba's metadata 100.100.100.200)
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata 169.254.169.254
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments (Oracle's metadata 192.0.0.192)
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // 6to4 relay anycast
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, and the broadcast address

    /** IPv6 ranges refused outright (those carrying an IPv4 address are looked into instead). */
    private static final List<Range> REFUSED_V6 = ranges(
            "::/128",             // unspecified
            "::1/128",            // loopback
            "64:ff9b:1::/48",     // local-use NAT64
            "100::/64",           // discard-only
            "2001:db8::/32",      // documentation
            "fc00::/7",           // unique-local, AWS's metadata fd00:ec2::254
            "fe80::/10",          // link-local
            "fec0::/10",          // site-local (deprecated, still routed by some)
            "ff00::/8");          // multicast

    private AddressGuard() {
    }

    /** Whether a webhook may connect to this address. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return REFUSED_V4.stream().noneMatch(range -> range.contains(bytes));
        }
        if (REFUSED_V6.stream().anyMatch(range -> range.contains(bytes))) {
            return false;
        }
        byte[] embedded = embeddedIpv4(bytes);
        return embedded == null || REFUSED_V4.stream().noneMatch(range -> range.contains(embedded));
    }

    /**
     * The IPv4 address an IPv6 one stands for, when it stands for one: IPv4-mapped
     * ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d})
     * or 6to4 ({@code 2002:aabb:ccdd::}). A stack may route each of them to that IPv4 address.
     */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean firstTenZero = Arrays.equals(v6, 0, 10, new byte[10], 0, 10);
        boolean mapped = firstTenZero && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
        boolean compatible = firstTenZero && v6[10] == 0 && v6[11] == 0;
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b
                && Arrays.equals(v6, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static List<Range> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(Range::parse).toList();
    }

    /** A CIDR block: the first {@code bits} bits of {@code prefix}. */
    private record Range(byte[] prefix, int bits) {
        static Range parse(String cidr) {
            String[] parts = cidr.split("/");
            try {
                // Literals only: InetAddress parses them without asking DNS.
                return new Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException impossible) {
                throw new IllegalArgumentException(cidr, impossible);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
