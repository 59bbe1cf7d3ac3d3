package io.invitekit.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3",
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
            "100.64.0.1", "100.127.255.255", "100.100.100.200",
            "169.254.0.1", "169.254.169.254", "192.0.0.192",
            "198.18.0.1", "198.19.255.255", "192.0.2.1", "198.51.100.1", "203.0.113.1",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd00:ec2::254", "fdff::1", "fec0::1",
            "ff02::1", "ff05::2", "2001:db8::1", "100::1", "64:ff9b:1::1",
            "::127.0.0.1", "::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:c0a8:101::1"})
    void refusesPrivateLoopbackLinkLocalMetadataAndReservedAddresses(String literal) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "93.184.215.14", "11.0.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255",
            "172.15.255.255", "172.32.0.1", "192.167.255.255", "192.169.0.1", "198.17.255.255", "198.20.0.1",
            "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:800::200e", "64:ff9b::808:808",
            "2002:808:808::1", "::8.8.8.8"})
    void letsPublicUnicastAddressesThrough(String literal) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    /** The JDK turns a parsed {@code ::ffff:a.b.c.d} into IPv4; built from bytes, it stays IPv6. Both are judged by the IPv4 inside. */
    @Test
    void judgesIpv4MappedIpv6ByTheIpv4AddressInside() throws Exception {
        assertThat(AddressGuard.isPublic(mapped(127, 0, 0, 1))).isFalse();
        assertThat(AddressGuard.isPublic(mapped(169, 254, 169, 254))).isFalse();
        assertThat(AddressGuard.isPublic(mapped(10, 1, 2, 3))).isFalse();
        assertThat(AddressGuard.isPublic(mapped(0, 0, 0, 0))).isFalse();
        assertThat(AddressGuard.isPublic(mapped(8, 8, 8, 8))).isTrue();
        assertThat(AddressGuard.isPublic(InetAddress.getByName("::ffff:127.0.0.1"))).isFalse();
        assertThat(AddressGuard.isPublic(InetAddress.getByName("::ffff:192.168.1.1"))).isFalse();
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        return address;
    }
}
