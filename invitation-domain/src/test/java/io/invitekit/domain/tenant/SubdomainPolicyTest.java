package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.shared.ErrorCode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubdomainPolicyTest {
    private final SubdomainPolicy defaults = SubdomainPolicy.defaults();

    /** The list in SPEC §2.1, written out here so that a word dropped from the code is noticed. */
    @ParameterizedTest
    @ValueSource(strings = {"www", "api", "admin", "app", "mail", "smtp", "imap", "pop", "ftp", "status", "static",
            "assets", "cdn", "platform", "support", "help", "docs", "blog", "auth", "login", "signup", "account",
            "billing", "dashboard", "root", "test", "dev", "staging", "ns1", "ns2", "origin", "tunnel"})
    void refusesEveryDefaultReservedWord(String word) {
        assertInvalid(() -> defaults.requireUsable(word), ErrorCode.INVALID_SUBDOMAIN);
        assertInvalid(() -> defaults.requireUsable(" " + word.toUpperCase() + " "), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void acceptsAnUnreservedWellFormedSubdomain() {
        assertThat(defaults.requireUsable("Acme-Shop")).isEqualTo(Subdomain.of("acme-shop"));
    }

    @Test
    void reservesExactWordsNotPrefixes() {
        assertThat(defaults.requireUsable("www2").value()).isEqualTo("www2");
        assertThat(defaults.requireUsable("my-admin").value()).isEqualTo("my-admin");
    }

    @Test
    void refusesMalformedSubdomainsWithTheSameCode() {
        assertInvalid(() -> defaults.requireUsable("a_b"), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void usesACustomReservedListInPlaceOfTheDefault() {
        SubdomainPolicy custom = new SubdomainPolicy(Set.of(" Shop ", "BILLING"));

        assertInvalid(() -> custom.requireUsable("shop"), ErrorCode.INVALID_SUBDOMAIN);
        assertInvalid(() -> custom.requireUsable("billing"), ErrorCode.INVALID_SUBDOMAIN);
        assertThat(custom.requireUsable("www").value()).isEqualTo("www");
        assertThat(custom.reserved()).containsExactlyInAnyOrder("shop", "billing");
    }

    @Test
    void offersTheBaseThenNumberedCandidates() {
        assertThat(defaults.candidates(Subdomain.of("acme"), 3))
                .extracting(Subdomain::value).containsExactly("acme", "acme-2", "acme-3");
    }

    @Test
    void skipsAReservedBase() {
        assertThat(defaults.candidates(Subdomain.of("admin"), 2))
                .extracting(Subdomain::value).containsExactly("admin-2", "admin-3");
    }

    @Test
    void skipsReservedNumberedCandidates() {
        SubdomainPolicy policy = new SubdomainPolicy(Set.of("acme-2", "acme-4"));

        assertThat(policy.candidates(Subdomain.of("acme"), 4))
                .extracting(Subdomain::value).containsExactly("acme", "acme-3", "acme-5", "acme-6");
    }

    @Test
    void offersExactlyAsManyCandidatesAsAskedForEvenNone() {
        assertThat(defaults.candidates(Subdomain.of("acme"), 0)).isEmpty();
        assertThat(defaults.candidates(Subdomain.of("acme"), 1)).containsExactly(Subdomain.of("acme"));
    }

    @Test
    void candidatesAlwaysFitInSixtyThreeCharacters() {
        List<Subdomain> candidates = defaults.candidates(Subdomain.of("z".repeat(63)), 12);

        assertThat(candidates).hasSize(12).allSatisfy(c -> assertThat(c.value()).hasSizeLessThanOrEqualTo(63));
        assertThat(candidates).doesNotHaveDuplicates();
    }
}
