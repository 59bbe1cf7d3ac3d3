package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.SubdomainAvailability;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubdomainSuggestionsTest {
    private final TestKit t = new TestKit();

    @Test
    void aFreeSubdomainIsAvailableAfterNormalization() {
        assertThat(t.kit.subdomains().check("  My-Shop ")).isEqualTo(new SubdomainAvailability("my-shop", true, null, java.util.List.of()));
    }

    @Test
    void anInvalidNameIsAnsweredWithSuggestionsDerivedFromIt() {
        SubdomainAvailability answer = t.kit.subdomains().check("Café Zürich!");
        assertThat(answer.available()).isFalse();
        assertThat(answer.reason()).isEqualTo(Refusal.INVALID);
        assertThat(answer.suggestions()).containsExactly("cafe-zurich", "cafe-zurich-2", "cafe-zurich-3");
        assertThat(t.kit.subdomains().check(null).reason()).isEqualTo(Refusal.INVALID);
    }

    @Test
    void aReservedNameIsNeverSuggested() {
        SubdomainAvailability answer = t.kit.subdomains().check("admin");
        assertThat(answer.reason()).isEqualTo(Refusal.RESERVED);
        assertThat(answer.suggestions()).containsExactly("admin-2", "admin-3", "admin-4");
    }

    @Test
    void tenantsAndLiveReservationsHoldASubdomainButExpiredReservationsDoNot() {
        Actor admin = t.admin();
        t.family(t.newUser(), "Taken");
        t.kit.invitations().create(admin, NewTenantInvitation.to("o@example.org").expiresInDays(1).reserveSubdomain("held"));

        assertThat(t.kit.subdomains().check("taken").reason()).isEqualTo(Refusal.TAKEN);
        assertThat(t.kit.subdomains().check("taken").suggestions()).containsExactly("taken-2", "taken-3", "taken-4");
        assertThat(t.kit.subdomains().check("held").reason()).isEqualTo(Refusal.TAKEN);

        t.clock.advance(Duration.ofDays(1));
        assertThat(t.kit.subdomains().check("held").available()).isTrue();
    }
}
