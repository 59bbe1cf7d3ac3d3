package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request comes from: the socket's peer, unless that peer is a trusted proxy, in
 * which case the nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 * Never Javalin's {@code ctx.ip()}, which believes any header.
 */
final class ClientAddress {
    private final List<Cidr> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || !looksLikeAddress(hop)) {
                return peer; // a garbled chain is not evidence of anything
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** Whether the socket's peer is one of the trusted proxies, whose headers are believed. */
    boolean peerIsTrustedProxy(Context ctx) {
        return isTrusted(ctx.req().getRemoteAddr());
    }

    private boolean isTrusted(String address) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        byte[] parsed = Cidr.literal(address); // once, whatever the number of ranges
        if (parsed == null) {
            return false;
        }
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(parsed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeAddress(String text) {
        return text.length() <= 45 && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == ':');
    }

    /** An address or a CIDR range of IPv4 or IPv6. */
    record Cidr(byte[] network, int prefix) {
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

        /** Four decimal octets, as {@code InetAddress} reads them; null when one is over 255. */
        private static byte[] ipv4(String dotted) {
            byte[] address = new byte[4];
            int octet = 0;
            int value = 0;
            for (int i = 0; i < dotted.length(); i++) {
                char c = dotted.charAt(i);
                if (c == '.') {
                    address[octet++] = (byte) value;
                    value = 0;
                } else {
                    value = value * 10 + (c - '0');
                    if (value > 255) {
                        return null;
                    }
                }
            }
            address[octet] = (byte) value;
            return address;
        }

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
            }
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(address, prefix);
        }

        boolean contains(String candidate) {
            byte[] address = literal(candidate);
            return address != null && contains(address);
        }

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
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        /** Parses only literals: never a DNS lookup. IPv4 by hand (every request's peer), IPv6 by the JDK. */
        static byte[] literal(String text) {
            String t = text.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            if (IPV4.matcher(t).matches()) {
                return ipv4(t);
            }
            if (!t.contains(":") || !IPV6_CHARACTERS.matcher(t).matches()) {
                return null;
            }
            try {
                return InetAddress.getByName(t).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
