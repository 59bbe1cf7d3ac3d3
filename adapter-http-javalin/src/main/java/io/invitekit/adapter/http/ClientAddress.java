package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

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
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static boolean looksLikeAddress(String text) {
        return text.length() <= 45 && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == ':');
    }

    /** An address or a CIDR range of IPv4 or IPv6. */
    record Cidr(byte[] network, int prefix) {
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
            if (address == null || address.length != network.length) {
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

        /** Parses only literals: never a DNS lookup. */
        private static byte[] literal(String text) {
            String t = text.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+");
            if (!v4 && !v6) {
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
