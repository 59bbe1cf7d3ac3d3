package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.anInvitation;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.email;
import static io.invitekit.testing.fixtures.Fixtures.subdomain;
import static io.invitekit.testing.fixtures.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantInvitations} must do, whatever keeps the data: one pending invitation
 * per address in any case, updates only over the version they were made from, lookups by token
 * digest, lists newest first with the status as of a given instant, and the sweeper's batches.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code invitations()}
 * is under test (the sweeper frees reservations in its {@code subdomains()}), the same instance
 * throughout one test, and empty when each test starts.
 */
public abstract class TenantInvitationsContract {
    private static final InvitationPolicy POLICY = new InvitationPolicy(7, 30, 5, Duration.ZERO);

    /** For a subclass, which provides the store under test. */
    public TenantInvitationsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code invitations()} this suite checks
     */
    protected abstract Storage storage();

    private TenantInvitations invitations() {
        return storage().invitations();
    }

    @Test
    void an_added_invitation_reads_back_equal_by_id_digest_and_pending_email() {
        TenantInvitation invitation = anInvitation().reserving(subdomain("reserved")).build();
        invitations().add(invitation);

        assertThat(invitations().byId(invitation.id())).contains(invitation);
        assertThat(invitations().byTokenDigest(invitation.tokenDigest())).contains(invitation);
        assertThat(invitations().storedPendingFor(invitation.email())).contains(invitation);
        assertThat(invitations().byTokenDigest(digest())).isEmpty();
    }

    @Test
    void the_language_chosen_for_an_invitation_reads_back_and_survives_its_transitions() {
        TenantInvitation german = anInvitation().email(email("deutsch")).locale(LocaleTag.GERMAN).build();
        TenantInvitation unspecified = anInvitation().email(email("default")).build();
        invitations().add(german);
        invitations().add(unspecified);

        assertThat(invitations().byId(german.id()).orElseThrow().locale()).isEqualTo(LocaleTag.GERMAN);
        assertThat(invitations().byTokenDigest(german.tokenDigest()).orElseThrow().locale()).isEqualTo(LocaleTag.GERMAN);
        assertThat(invitations().byId(unspecified.id()).orElseThrow().locale()).isNull();

        TenantInvitation cancelled = german.cancel(NOW);
        assertThat(invitations().update(cancelled)).isTrue();
        assertThat(invitations().byId(german.id())).contains(cancelled);
        assertThat(cancelled.locale()).isEqualTo(LocaleTag.GERMAN);
    }

    @Test
    void a_second_pending_invitation_for_one_email_is_refused_whatever_the_case_of_the_address() {
        EmailAddress email = email("twice");
        invitations().add(anInvitation().email(email).build());

        assertThatThrownBy(() -> invitations().add(anInvitation().email(EmailAddress.of(email.value().toUpperCase())).build()))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVITATION_PENDING_EXISTS));
        assertThat(invitations().list(new InvitationFilter(null, email, NOW), null, 10)).hasSize(1);
    }

    @Test
    void once_the_pending_invitation_is_cancelled_the_email_may_be_invited_again() {
        EmailAddress email = email("again");
        TenantInvitation first = anInvitation().email(email).build();
        invitations().add(first);
        assertThat(invitations().update(first.cancel(NOW))).isTrue();

        TenantInvitation second = anInvitation().email(email).build();
        invitations().add(second);

        assertThat(invitations().storedPendingFor(email)).contains(second);
    }

    @Test
    void stored_pending_is_found_even_after_its_expiry_has_passed() {
        TenantInvitation lapsed = anInvitation().lapsed().build();
        invitations().add(lapsed);

        assertThat(lapsed.status(NOW)).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(invitations().storedPendingFor(lapsed.email())).contains(lapsed);
    }

    @Test
    void an_update_is_written_only_over_the_version_it_was_made_from() {
        TenantInvitation invitation = anInvitation().build();
        invitations().add(invitation);
        TenantInvitation accepted = invitation.accept(NOW, new TenantId(UUID.randomUUID()), new UserId(UUID.randomUUID()));
        TenantInvitation cancelled = invitation.cancel(NOW);

        assertThat(invitations().update(accepted)).isTrue();
        assertThat(invitations().update(cancelled)).isFalse();
        assertThat(invitations().byId(invitation.id())).contains(accepted);
        assertThat(invitations().storedPendingFor(invitation.email())).isEmpty();
    }

    @Test
    void after_a_resend_only_the_new_token_digest_finds_the_invitation() {
        TenantInvitation invitation = anInvitation().build();
        invitations().add(invitation);
        TenantInvitation resent = invitation.resend(NOW.plusSeconds(120), digest(), POLICY);

        assertThat(invitations().update(resent)).isTrue();

        assertThat(invitations().byTokenDigest(invitation.tokenDigest())).isEmpty();
        assertThat(invitations().byTokenDigest(resent.tokenDigest())).contains(resent);
    }

    @Test
    void reviving_an_expired_invitation_while_another_is_pending_for_the_email_is_refused() {
        EmailAddress email = email("revive");
        TenantInvitation old = anInvitation().email(email).lapsed().build();
        invitations().add(old);
        TenantInvitation expired = old.expire(NOW);
        assertThat(invitations().update(expired)).isTrue();
        invitations().add(anInvitation().email(email).build());

        TenantInvitation revived = expired.resend(NOW, digest(), POLICY);

        assertThatThrownBy(() -> invitations().update(revived))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVITATION_PENDING_EXISTS));
        assertThat(invitations().byId(old.id())).contains(expired);
    }

    @Test
    void the_list_is_newest_first_and_pages_after_a_cursor() {
        List<TenantInvitation> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TenantInvitation invitation = anInvitation().build();
            invitations().add(invitation);
            added.add(0, invitation);
        }
        InvitationFilter all = InvitationFilter.all(NOW);

        List<TenantInvitation> first = invitations().list(all, null, 2);
        List<TenantInvitation> second = invitations().list(all, first.get(1).id().value(), 2);
        List<TenantInvitation> last = invitations().list(all, added.get(3).id().value(), 2);

        assertThat(first).containsExactly(added.get(0), added.get(1));
        assertThat(second).containsExactly(added.get(2), added.get(3));
        assertThat(last).containsExactly(added.get(4));
    }

    @Test
    void the_status_filter_sees_the_status_as_of_now() {
        TenantInvitation pending = anInvitation().build();
        TenantInvitation lapsed = anInvitation().lapsed().build();
        TenantInvitation sweptOld = anInvitation().lapsed().build();
        TenantInvitation accepted = anInvitation().build();
        TenantInvitation cancelled = anInvitation().build();
        for (TenantInvitation each : List.of(pending, lapsed, sweptOld, accepted, cancelled)) {
            invitations().add(each);
        }
        TenantInvitation swept = sweptOld.expire(NOW);
        TenantInvitation acceptedNow = accepted.accept(NOW, new TenantId(UUID.randomUUID()), new UserId(UUID.randomUUID()));
        TenantInvitation cancelledNow = cancelled.cancel(NOW);
        assertThat(invitations().update(swept)).isTrue();
        assertThat(invitations().update(acceptedNow)).isTrue();
        assertThat(invitations().update(cancelledNow)).isTrue();

        assertThat(statusPage(InvitationStatus.PENDING, NOW)).containsExactly(pending);
        assertThat(statusPage(InvitationStatus.EXPIRED, NOW)).containsExactly(swept, lapsed);
        assertThat(statusPage(InvitationStatus.ACCEPTED, NOW)).containsExactly(acceptedNow);
        assertThat(statusPage(InvitationStatus.CANCELLED, NOW)).containsExactly(cancelledNow);
        assertThat(statusPage(InvitationStatus.PENDING, pending.expiresAt())).isEmpty();
        assertThat(statusPage(InvitationStatus.EXPIRED, pending.expiresAt())).containsExactly(swept, lapsed, pending);
    }

    @Test
    void the_expired_filter_pages_newest_first_across_stored_and_computed_expiry() {
        List<TenantInvitation> expiredNewestFirst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TenantInvitation lapsed = anInvitation().lapsed().build();
            invitations().add(lapsed);
            TenantInvitation shown = lapsed;
            if (i % 2 == 0) {
                shown = lapsed.expire(NOW);
                assertThat(invitations().update(shown)).isTrue();
            }
            expiredNewestFirst.add(0, shown);
        }
        invitations().add(anInvitation().build());
        InvitationFilter expired = new InvitationFilter(InvitationStatus.EXPIRED, null, NOW);

        List<TenantInvitation> first = invitations().list(expired, null, 4);
        List<TenantInvitation> rest = invitations().list(expired, first.get(3).id().value(), 4);

        assertThat(first).containsExactlyElementsOf(expiredNewestFirst.subList(0, 4));
        assertThat(rest).containsExactlyElementsOf(expiredNewestFirst.subList(4, 6));
    }

    @Test
    void the_email_filter_matches_exactly_and_combines_with_the_status() {
        EmailAddress email = email("filtered");
        TenantInvitation old = anInvitation().email(email).build();
        invitations().add(old);
        TenantInvitation cancelled = old.cancel(NOW);
        assertThat(invitations().update(cancelled)).isTrue();
        TenantInvitation current = anInvitation().email(email).build();
        invitations().add(current);
        invitations().add(anInvitation().build());
        invitations().add(anInvitation().email(EmailAddress.of("x" + email.value())).build());

        assertThat(invitations().list(new InvitationFilter(null, email, NOW), null, 10)).containsExactly(current, cancelled);
        assertThat(invitations().list(new InvitationFilter(InvitationStatus.CANCELLED, email, NOW), null, 10))
                .containsExactly(cancelled);
    }

    @Test
    void count_pending_counts_the_stored_pending_ones_lapsed_or_not_until_swept() {
        long before = invitations().countPending();
        TenantInvitation lapsed = anInvitation().lapsed().build();
        invitations().add(lapsed);
        TenantInvitation cancelled = anInvitation().build();
        invitations().add(cancelled);
        invitations().add(anInvitation().build());
        assertThat(invitations().countPending()).isEqualTo(before + 3);

        assertThat(invitations().update(cancelled.cancel(NOW))).isTrue();
        assertThat(invitations().countPending()).isEqualTo(before + 2);
        while (!invitations().expireDue(NOW, 100).isEmpty()) {
            // swept in batches
        }
        assertThat(invitations().countPending()).isEqualTo(before + 1);
    }

    @Test
    void the_sweeper_expires_at_most_its_batch_frees_reservations_and_leaves_live_ones_alone() {
        List<TenantInvitation> lapsed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TenantInvitation each = anInvitation().lapsed().build();
            invitations().add(each);
            lapsed.add(each);
        }
        Subdomain reserved = subdomain("kept-free");
        TenantInvitation reserving = lapsed.get(0);
        storage().subdomains().reserve(reserved, reserving.id(), reserving.expiresAt(), reserving.createdAt());
        TenantInvitation live = anInvitation().build();
        invitations().add(live);

        assertThat(invitations().expireDue(NOW, 3)).hasSize(3);
        assertThat(invitations().expireDue(NOW, 3)).hasSize(2);
        assertThat(invitations().expireDue(NOW, 3)).isEmpty();

        for (TenantInvitation each : lapsed) {
            TenantInvitation stored = invitations().byId(each.id()).orElseThrow();
            assertThat(stored.storedStatus()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(stored.version()).isEqualTo(each.version() + 1);
            assertThat(invitations().storedPendingFor(each.email())).isEmpty();
        }
        assertThat(invitations().byId(live.id())).contains(live);
        // The lapsed reservation was freed: another invitation may take it even "before" its old expiry.
        Instant early = reserving.createdAt().plusSeconds(1);
        assertThat(storage().subdomains().isHeld(reserved, early)).isFalse();
    }

    private List<TenantInvitation> statusPage(InvitationStatus status, Instant now) {
        return invitations().list(new InvitationFilter(status, null, now), null, 50);
    }

    // ---------------------------------------------------------------- prefix search

    private List<TenantInvitation> search(InvitationFilter filter, String prefix, PrefixSearch.Position after, int limit) {
        return invitations().search(filter, new PrefixSearch(PrefixSearch.key(prefix), after, limit)).stream()
                .map(PrefixSearch.Found::item).toList();
    }

    @Test
    void search_finds_an_email_or_business_name_prefix_in_any_case_each_invitation_once() {
        String word = unique("Find").replace("-", "");
        TenantInvitation byEmail = anInvitation().email(EmailAddress.of(word + "@Example.org")).build();
        TenantInvitation byName = anInvitation().suggestedBusinessName(Name.of(word.toUpperCase(Locale.ROOT) + " Café"))
                .build();
        TenantInvitation byBoth = anInvitation().email(EmailAddress.of(word + ".both@example.org"))
                .suggestedBusinessName(Name.of(word + " Both")).build();
        TenantInvitation elsewhere = anInvitation().email(EmailAddress.of("x" + word + "@example.org"))
                .suggestedBusinessName(Name.of("The " + word)).build();
        for (TenantInvitation each : List.of(byEmail, byName, byBoth, elsewhere)) {
            invitations().add(each);
        }
        InvitationFilter all = InvitationFilter.all(NOW);

        List<PrefixSearch.Found<TenantInvitation>> found = invitations().search(all,
                new PrefixSearch(PrefixSearch.key(word), null, 10));

        assertThat(found).extracting(PrefixSearch.Found::item).containsExactlyInAnyOrder(byEmail, byName, byBoth);
        assertThat(found).as("found by its email, before the business name")
                .filteredOn(f -> f.item().equals(byBoth)).extracting(PrefixSearch.Found::key)
                .containsExactly(byBoth.email().value());
        assertThat(found).extracting(PrefixSearch.Found::key).isSorted();
        assertThat(search(all, word.toUpperCase(Locale.ROOT) + " CAF", null, 10)).containsExactly(byName);
        assertThat(search(all, word + "@EXAMPLE.ORG", null, 10)).containsExactly(byEmail);
        assertThat(search(all, word + "zz", null, 10)).isEmpty();
    }

    @Test
    void search_pages_by_key_then_id_after_a_cursor_and_combines_with_status_and_email() {
        String word = unique("pg").replace("-", "");
        List<TenantInvitation> added = new ArrayList<>();
        for (String suffix : List.of("c", "a", "b", "a", "d")) {
            TenantInvitation invitation = anInvitation().suggestedBusinessName(Name.of(word + suffix)).build();
            invitations().add(invitation);
            added.add(invitation);
        }
        TenantInvitation cancelled = added.get(4).cancel(NOW);
        assertThat(invitations().update(cancelled)).isTrue();
        InvitationFilter all = InvitationFilter.all(NOW);
        List<TenantInvitation> expected = List.of(added.get(1), added.get(3), added.get(2), added.get(0), cancelled);

        List<TenantInvitation> seen = new ArrayList<>();
        PrefixSearch.Position after = null;
        for (int page = 0; page < 3; page++) {
            List<PrefixSearch.Found<TenantInvitation>> found = invitations().search(all, new PrefixSearch(word, after, 2));
            assertThat(found).hasSizeLessThanOrEqualTo(2);
            found.forEach(f -> seen.add(f.item()));
            if (found.isEmpty()) {
                break;
            }
            PrefixSearch.Found<TenantInvitation> last = found.get(found.size() - 1);
            after = new PrefixSearch.Position(last.key(), last.item().id().value());
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(search(new InvitationFilter(InvitationStatus.CANCELLED, null, NOW), word, null, 10))
                .containsExactly(cancelled);
        assertThat(search(new InvitationFilter(InvitationStatus.PENDING, null, NOW), word, null, 10))
                .containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(search(new InvitationFilter(null, added.get(2).email(), NOW), word, null, 10))
                .containsExactly(added.get(2));
    }
}
