package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    @Test
    void cidrRangesMatchAddressesOfTheirFamilyOnly() {
        ClientAddress.Cidr v4 = ClientAddress.Cidr.parse("10.1.0.0/16");
        assertThat(v4.contains("10.1.200.3")).isTrue();
        assertThat(v4.contains("10.2.0.1")).isFalse();
        assertThat(v4.contains("::1")).isFalse();
        assertThat(ClientAddress.Cidr.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains("fd12::1")).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
    }

    @Test
    void refusesNamesAndBadRanges() {
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("proxy.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains("evil.example")).isFalse();
        // IPv4 is read by hand: an octet over 255 is no address, not a wrapped-around one.
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains("10.300.0.1")).isFalse();
        assertThat(ClientAddress.Cidr.parse("44.0.0.0/8").contains("300.0.0.1")).isFalse();
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("256.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
