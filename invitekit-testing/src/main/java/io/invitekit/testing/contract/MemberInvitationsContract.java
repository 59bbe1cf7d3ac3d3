package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aMemberInvitation;
import static io.invitekit.testing.fixtures.Fixtures.aMembership;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.email;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.MemberInvitations.AddOutcome;
import io.invitekit.application.port.out.MemberInvitations.Filter;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemberInvitations} must do: one invitation stored PENDING per tenant and
 * address in any case; each one holds a seat, so that members plus pending invitations never
 * pass the user limit, whatever invites, joins and accepts race; updates only over the version
 * they were made from, giving the seat back when leaving PENDING; lookups by token digest; lists
 * newest first with the status as of a given instant; the sweeper's bounded batches.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose
 * {@code memberInvitations()} is under test (invitations belong to tenants added through its
 * {@code tenants()}; seats are shared with its {@code memberships()}), the same instance
 * throughout one test, empty when each test starts, and usable from 32 threads at once.
 */
public abstract class MemberInvitationsContract {
    private static final InvitationPolicy POLICY = new InvitationPolicy(7, 30, 5, Duration.ZERO);

    /** For a subclass, which provides the store under test. */
    public MemberInvitationsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code memberInvitations()} this suite checks
     */
    protected abstract Storage storage();

    private MemberInvitations invitations() {
        return storage().memberInvitations();
    }

    private Memberships memberships() {
        return storage().memberships();
    }

    private TenantId newTenant() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        return tenant.id();
    }

    /** A tenant with its OWNER. */
    private TenantId newTenantWithOwner() {
        TenantId tenant = newTenant();
        assertThat(memberships().add(aMembership().tenant(tenant).role(Role.OWNER).build(), Limit.UNLIMITED))
                .isEqualTo(Memberships.AddOutcome.ADDED);
        return tenant;
    }

    private MemberInvitation added(TenantId tenant) {
        MemberInvitation invitation = aMemberInvitation().tenant(tenant).build();
        assertThat(invitations().add(invitation, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        return invitation;
    }

    private Membership joiner(TenantId tenant) {
        return aMembership().tenant(tenant).role(Role.MEMBER).build();
    }

    private long pendingIn(TenantId tenant) {
        return invitations().list(tenant, new Filter(null, null, NOW.minus(Duration.ofDays(365))), null, 1000).stream()
                .filter(inv -> inv.storedStatus() == InvitationStatus.PENDING).count();
    }

    @Test
    void an_added_invitation_reads_back_equal_by_id_digest_and_pending_email_in_any_case() {
        TenantId tenant = newTenant();
        MemberInvitation invitation = aMemberInvitation().tenant(tenant).role(Role.ADMIN).build();

        assertThat(invitations().add(invitation, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);

        assertThat(invitations().byId(invitation.id())).contains(invitation);
        assertThat(invitations().byTokenDigest(invitation.tokenDigest())).contains(invitation);
        assertThat(invitations().storedPendingFor(tenant, invitation.email())).contains(invitation);
        assertThat(invitations().storedPendingFor(tenant, EmailAddress.of(invitation.email().value().toUpperCase(Locale.ROOT))))
                .contains(invitation);
        assertThat(invitations().storedPendingFor(newTenant(), invitation.email())).isEmpty();
        assertThat(invitations().byTokenDigest(digest())).isEmpty();
    }

    @Test
    void an_invitation_is_found_with_its_tenants_name_by_its_token_digest() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        MemberInvitation invitation = aMemberInvitation().tenant(tenant.id()).build();
        invitations().add(invitation, Limit.UNLIMITED);

        assertThat(invitations().byTokenDigestWithTenantName(invitation.tokenDigest(), storage().tenants()))
                .hasValueSatisfying(found -> {
                    assertThat(found.invitation()).isEqualTo(invitation);
                    assertThat(found.tenantName()).isEqualTo(tenant.name().value());
                });
        assertThat(invitations().byTokenDigestWithTenantName(digest(), storage().tenants())).isEmpty();
    }

    @Test
    void an_invitation_without_an_inviter_name_reads_back_so() {
        TenantId tenant = newTenant();
        MemberInvitation invitation = aMemberInvitation().tenant(tenant).inviterName(null).build();

        invitations().add(invitation, Limit.UNLIMITED);

        assertThat(invitations().byId(invitation.id())).contains(invitation);
    }

    @Test
    void a_second_pending_invitation_for_one_tenant_and_email_is_refused_whatever_the_case_and_takes_no_seat() {
        TenantId tenant = newTenantWithOwner();
        EmailAddress email = email("twice");
        MemberInvitation first = aMemberInvitation().tenant(tenant).email(email).build();
        assertThat(invitations().add(first, Limit.of(3))).isEqualTo(AddOutcome.ADDED);

        MemberInvitation again = aMemberInvitation().tenant(tenant).email(EmailAddress.of(email.value().toUpperCase(Locale.ROOT)))
                .build();
        assertThat(invitations().add(again, Limit.of(3))).isEqualTo(AddOutcome.PENDING_EXISTS);

        assertThat(invitations().byId(again.id())).isEmpty();
        assertThat(invitations().storedPendingFor(tenant, email)).contains(first);
        assertThat(memberships().add(joiner(tenant), Limit.of(3))).as("the refused one held no seat")
                .isEqualTo(Memberships.AddOutcome.ADDED);
        MemberInvitation elsewhere = aMemberInvitation().tenant(newTenant()).email(email).build();
        assertThat(invitations().add(elsewhere, Limit.of(3))).as("another tenant").isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void once_the_pending_invitation_leaves_pending_the_email_may_be_invited_again() {
        TenantId tenant = newTenant();
        EmailAddress email = email("again");
        MemberInvitation first = aMemberInvitation().tenant(tenant).email(email).build();
        invitations().add(first, Limit.UNLIMITED);
        assertThat(invitations().update(first.cancel(NOW))).isTrue();
        MemberInvitation second = aMemberInvitation().tenant(tenant).email(email).build();

        assertThat(invitations().add(second, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().update(second.accept(NOW, new UserId(nextId())))).isTrue();
        MemberInvitation third = aMemberInvitation().tenant(tenant).email(email).build();
        assertThat(invitations().add(third, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);

        assertThat(invitations().storedPendingFor(tenant, email)).contains(third);
    }

    @Test
    void stored_pending_is_found_even_after_its_expiry_has_passed() {
        TenantId tenant = newTenant();
        MemberInvitation lapsed = aMemberInvitation().tenant(tenant).lapsed().build();
        invitations().add(lapsed, Limit.UNLIMITED);

        assertThat(lapsed.status(NOW)).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(invitations().storedPendingFor(tenant, lapsed.email())).contains(lapsed);
        MemberInvitation another = aMemberInvitation().tenant(tenant).email(lapsed.email()).build();
        assertThat(invitations().add(another, Limit.UNLIMITED)).as("still holds the email until expired")
                .isEqualTo(AddOutcome.PENDING_EXISTS);
    }

    @Test
    void an_update_is_written_only_over_the_version_it_was_made_from() {
        TenantId tenant = newTenant();
        MemberInvitation invitation = added(tenant);
        MemberInvitation accepted = invitation.accept(NOW, new UserId(nextId()));
        MemberInvitation cancelled = invitation.cancel(NOW);

        assertThat(invitations().update(accepted)).isTrue();
        assertThat(invitations().update(cancelled)).isFalse();
        assertThat(invitations().update(accepted)).as("the same version twice").isFalse();

        assertThat(invitations().byId(invitation.id())).contains(accepted);
        assertThat(invitations().storedPendingFor(tenant, invitation.email())).isEmpty();
    }

    @Test
    void after_a_resend_only_the_new_token_digest_finds_the_invitation() {
        MemberInvitation invitation = added(newTenant());
        MemberInvitation resent = invitation.resend(NOW.plusSeconds(120), digest(), POLICY);

        assertThat(invitations().update(resent)).isTrue();

        assertThat(invitations().byTokenDigest(invitation.tokenDigest())).isEmpty();
        assertThat(invitations().byTokenDigest(resent.tokenDigest())).contains(resent);
        assertThat(invitations().byId(invitation.id())).contains(resent);
    }

    @Test
    void the_list_is_one_tenants_newest_first_and_pages_after_a_cursor() {
        TenantId tenant = newTenant();
        List<MemberInvitation> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(0, added(tenant));
        }
        added(newTenant()); // someone else's
        Filter all = Filter.all(NOW);

        List<MemberInvitation> first = invitations().list(tenant, all, null, 2);
        List<MemberInvitation> second = invitations().list(tenant, all, first.get(1).id().value(), 2);
        List<MemberInvitation> last = invitations().list(tenant, all, added.get(3).id().value(), 2);

        assertThat(first).containsExactly(added.get(0), added.get(1));
        assertThat(second).containsExactly(added.get(2), added.get(3));
        assertThat(last).containsExactly(added.get(4));
        assertThat(invitations().list(newTenant(), all, null, 10)).isEmpty();
    }

    @Test
    void the_status_filter_sees_the_status_as_of_now() {
        TenantId tenant = newTenant();
        MemberInvitation pending = aMemberInvitation().tenant(tenant).build();
        MemberInvitation lapsed = aMemberInvitation().tenant(tenant).lapsed().build();
        MemberInvitation sweptOld = aMemberInvitation().tenant(tenant).lapsed().build();
        MemberInvitation accepted = aMemberInvitation().tenant(tenant).build();
        MemberInvitation cancelled = aMemberInvitation().tenant(tenant).build();
        for (MemberInvitation each : List.of(pending, lapsed, sweptOld, accepted, cancelled)) {
            assertThat(invitations().add(each, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        }
        MemberInvitation swept = sweptOld.expire(NOW);
        MemberInvitation acceptedNow = accepted.accept(NOW, new UserId(nextId()));
        MemberInvitation cancelledNow = cancelled.cancel(NOW);
        assertThat(invitations().update(swept)).isTrue();
        assertThat(invitations().update(acceptedNow)).isTrue();
        assertThat(invitations().update(cancelledNow)).isTrue();

        assertThat(statusPage(tenant, InvitationStatus.PENDING, NOW)).containsExactly(pending);
        assertThat(statusPage(tenant, InvitationStatus.EXPIRED, NOW)).containsExactly(swept, lapsed);
        assertThat(statusPage(tenant, InvitationStatus.ACCEPTED, NOW)).containsExactly(acceptedNow);
        assertThat(statusPage(tenant, InvitationStatus.CANCELLED, NOW)).containsExactly(cancelledNow);
        assertThat(statusPage(tenant, InvitationStatus.PENDING, pending.expiresAt())).isEmpty();
        assertThat(statusPage(tenant, InvitationStatus.EXPIRED, pending.expiresAt())).containsExactly(swept, lapsed, pending);
        assertThat(statusPage(newTenant(), InvitationStatus.PENDING, NOW)).isEmpty();
    }

    private List<MemberInvitation> statusPage(TenantId tenant, InvitationStatus status, java.time.Instant now) {
        return invitations().list(tenant, new Filter(status, null, now), null, 10);
    }

    @Test
    void the_expired_filter_pages_newest_first_across_stored_and_computed_expiry() {
        TenantId tenant = newTenant();
        List<MemberInvitation> expiredNewestFirst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MemberInvitation lapsed = aMemberInvitation().tenant(tenant).lapsed().build();
            invitations().add(lapsed, Limit.UNLIMITED);
            MemberInvitation shown = lapsed;
            if (i % 2 == 0) {
                shown = lapsed.expire(NOW);
                assertThat(invitations().update(shown)).isTrue();
            }
            expiredNewestFirst.add(0, shown);
        }
        added(tenant);
        Filter expired = new Filter(InvitationStatus.EXPIRED, null, NOW);

        List<MemberInvitation> first = invitations().list(tenant, expired, null, 4);
        List<MemberInvitation> rest = invitations().list(tenant, expired, first.get(3).id().value(), 4);

        assertThat(first).containsExactlyElementsOf(expiredNewestFirst.subList(0, 4));
        assertThat(rest).containsExactlyElementsOf(expiredNewestFirst.subList(4, 6));
    }

    @Test
    void the_email_filter_matches_in_any_case_and_combines_with_the_status() {
        TenantId tenant = newTenant();
        EmailAddress email = email("filtered");
        MemberInvitation old = aMemberInvitation().tenant(tenant).email(email).build();
        invitations().add(old, Limit.UNLIMITED);
        MemberInvitation cancelled = old.cancel(NOW);
        assertThat(invitations().update(cancelled)).isTrue();
        MemberInvitation current = aMemberInvitation().tenant(tenant).email(email).build();
        invitations().add(current, Limit.UNLIMITED);
        added(tenant);
        invitations().add(aMemberInvitation().tenant(tenant).email(EmailAddress.of("x" + email.value())).build(), Limit.UNLIMITED);
        EmailAddress shouted = EmailAddress.of(email.value().toUpperCase(Locale.ROOT));

        assertThat(invitations().list(tenant, new Filter(null, shouted, NOW), null, 10)).containsExactly(current, cancelled);
        assertThat(invitations().list(tenant, new Filter(InvitationStatus.CANCELLED, email, NOW), null, 10))
                .containsExactly(cancelled);
    }

    @Test
    void count_pending_counts_every_tenants_stored_pending_ones_lapsed_or_not_until_swept() {
        long before = invitations().countPending();
        TenantId one = newTenantWithOwner();
        TenantId other = newTenantWithOwner();
        assertThat(invitations().add(aMemberInvitation().tenant(one).lapsed().build(), Limit.of(6)))
                .isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().add(aMemberInvitation().tenant(one).build(), Limit.of(6))).isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().add(aMemberInvitation().tenant(other).build(), Limit.of(6))).isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().countPending()).isEqualTo(before + 3);

        while (!invitations().expireDue(NOW, 100).isEmpty()) {
            // swept in batches
        }
        assertThat(invitations().countPending()).isEqualTo(before + 2);
    }

    @Test
    void the_sweeper_expires_at_most_its_batch_leaves_live_ones_alone_and_frees_their_seats() {
        TenantId tenant = newTenantWithOwner();
        List<MemberInvitation> lapsed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MemberInvitation each = aMemberInvitation().tenant(tenant).lapsed().build();
            assertThat(invitations().add(each, Limit.of(6))).isEqualTo(AddOutcome.ADDED);
            lapsed.add(each);
        }
        MemberInvitation live = aMemberInvitation().tenant(tenant).build();
        assertThat(invitations().add(live, Limit.of(6))).isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().add(joiner(tenant), Limit.of(6))).as("1 owner + 5 pending").isEqualTo(
                Memberships.AddOutcome.TENANT_FULL);

        assertThat(invitations().expireDue(NOW, 3)).hasSize(3);
        assertThat(invitations().expireDue(NOW, 3)).hasSize(1);
        assertThat(invitations().expireDue(NOW, 3)).isEmpty();

        for (MemberInvitation each : lapsed) {
            MemberInvitation stored = invitations().byId(each.id()).orElseThrow();
            assertThat(stored.storedStatus()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(stored.version()).isEqualTo(each.version() + 1);
            assertThat(invitations().storedPendingFor(tenant, each.email())).isEmpty();
        }
        assertThat(invitations().byId(live.id())).contains(live);
        for (int i = 0; i < 4; i++) {
            assertThat(memberships().add(joiner(tenant), Limit.of(6))).as("seat %d given back", i)
                    .isEqualTo(Memberships.AddOutcome.ADDED);
        }
        assertThat(memberships().add(joiner(tenant), Limit.of(6))).isEqualTo(Memberships.AddOutcome.TENANT_FULL);
    }

    @Test
    void members_plus_pending_invitations_never_pass_the_limit_and_leaving_pending_frees_the_seat() {
        TenantId tenant = newTenantWithOwner();
        Limit three = Limit.of(3);
        MemberInvitation accepted = aMemberInvitation().tenant(tenant).build();
        MemberInvitation cancelled = aMemberInvitation().tenant(tenant).build();
        assertThat(invitations().add(accepted, three)).isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().add(cancelled, three)).isEqualTo(AddOutcome.ADDED);

        assertThat(invitations().add(aMemberInvitation().tenant(tenant).build(), three)).isEqualTo(AddOutcome.TENANT_FULL);
        assertThat(memberships().add(joiner(tenant), three)).as("a join while the invitations hold the seats")
                .isEqualTo(Memberships.AddOutcome.TENANT_FULL);

        assertThat(invitations().update(cancelled.cancel(NOW))).isTrue();
        MemberInvitation third = aMemberInvitation().tenant(tenant).build();
        assertThat(invitations().add(third, three)).as("the cancelled one's seat").isEqualTo(AddOutcome.ADDED);

        UserId newcomer = new UserId(nextId());
        storage().transactions().run(() -> {
            assertThat(invitations().update(accepted.accept(NOW, newcomer))).isTrue();
            assertThat(memberships().add(aMembership().tenant(tenant).user(newcomer).build(), three))
                    .as("the accepted invitation's seat becomes the member's").isEqualTo(Memberships.AddOutcome.ADDED);
        });
        assertThat(memberships().add(joiner(tenant), three)).isEqualTo(Memberships.AddOutcome.TENANT_FULL);
        assertThat(invitations().add(aMemberInvitation().tenant(tenant).build(), three)).isEqualTo(AddOutcome.TENANT_FULL);

        assertThat(invitations().add(aMemberInvitation().tenant(tenant).build(), Limit.of(4))).as("a higher limit")
                .isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().count(tenant) + pendingIn(tenant)).isEqualTo(4);
        assertThat(invitations().update(third.cancel(NOW))).isTrue();
        assertThat(memberships().add(joiner(tenant), Limit.of(4))).isEqualTo(Memberships.AddOutcome.ADDED);
    }

    @Test
    void usage_counts_members_and_invitations_stored_pending_as_the_seat_rule_does() {
        TenantId tenant = newTenantWithOwner();
        TenantId other = newTenantWithOwner();
        assertThat(memberships().add(joiner(tenant), Limit.UNLIMITED)).isEqualTo(Memberships.AddOutcome.ADDED);
        MemberInvitation pending = aMemberInvitation().tenant(tenant).build();
        MemberInvitation lapsed = aMemberInvitation().tenant(tenant).lapsed().build();
        MemberInvitation cancelled = aMemberInvitation().tenant(tenant).build();
        for (MemberInvitation each : List.of(pending, lapsed, cancelled)) {
            assertThat(invitations().add(each, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        }
        assertThat(invitations().update(cancelled.cancel(NOW))).isTrue();

        var usage = memberships().usage(List.of(tenant, other));
        assertThat(usage).as("a lapsed invitation holds its seat until swept")
                .containsEntry(tenant, new Memberships.Usage(2, 2))
                .containsEntry(other, new Memberships.Usage(1, 0));
        assertThat(memberships().usage(List.of())).isEmpty();

        assertThat(invitations().update(lapsed.expire(NOW))).isTrue();
        assertThat(memberships().usage(List.of(tenant))).containsEntry(tenant, new Memberships.Usage(2, 1));
    }

    @Test
    void the_refusals_leave_the_surrounding_transaction_usable() {
        TenantId tenant = newTenantWithOwner();
        EmailAddress email = email("refused");
        MemberInvitation kept = aMemberInvitation().tenant(tenant).email(email).build();
        MemberInvitation alsoKept = aMemberInvitation().tenant(tenant).build();

        storage().transactions().run(() -> {
            assertThat(invitations().add(kept, Limit.of(2))).isEqualTo(AddOutcome.ADDED);
            assertThat(invitations().add(aMemberInvitation().tenant(tenant).email(email).build(), Limit.of(3)))
                    .isEqualTo(AddOutcome.PENDING_EXISTS);
            assertThat(invitations().add(aMemberInvitation().tenant(tenant).build(), Limit.of(2)))
                    .isEqualTo(AddOutcome.TENANT_FULL);
            assertThat(invitations().update(kept.resend(NOW, digest(), POLICY).cancel(NOW))).as("stale").isFalse();
            assertThat(invitations().add(alsoKept, Limit.of(3))).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(invitations().byId(kept.id())).contains(kept);
        assertThat(invitations().byId(alsoKept.id())).contains(alsoKept);
    }

    @Test
    void a_rolled_back_invitation_is_gone_and_gives_its_seat_back() {
        TenantId tenant = newTenantWithOwner();
        MemberInvitation rolledBack = aMemberInvitation().tenant(tenant).build();

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(invitations().add(rolledBack, Limit.of(2))).isEqualTo(AddOutcome.ADDED);
            throw new IllegalStateException("the email could not be queued");
        })).hasMessage("the email could not be queued");

        assertThat(invitations().byId(rolledBack.id())).isEmpty();
        assertThat(invitations().storedPendingFor(tenant, rolledBack.email())).isEmpty();
        assertThat(memberships().add(joiner(tenant), Limit.of(2))).isEqualTo(Memberships.AddOutcome.ADDED);
    }

    @Test
    void a_rolled_back_accept_keeps_the_invitation_pending_and_its_seat_held() {
        TenantId tenant = newTenantWithOwner();
        MemberInvitation invitation = aMemberInvitation().tenant(tenant).build();
        invitations().add(invitation, Limit.of(2));
        UserId newcomer = new UserId(nextId());

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(invitations().update(invitation.accept(NOW, newcomer))).isTrue();
            assertThat(memberships().add(aMembership().tenant(tenant).user(newcomer).build(), Limit.of(2)))
                    .isEqualTo(Memberships.AddOutcome.ADDED);
            throw new IllegalStateException("the audit failed");
        })).hasMessage("the audit failed");

        assertThat(invitations().byId(invitation.id())).contains(invitation);
        assertThat(memberships().find(tenant, newcomer)).isEmpty();
        assertThat(memberships().add(joiner(tenant), Limit.of(2))).isEqualTo(Memberships.AddOutcome.TENANT_FULL);
    }

    @Test
    void resending_an_expired_invitation_takes_a_seat_again_or_is_refused_when_none_is_free() {
        TenantId tenant = newTenantWithOwner();
        MemberInvitation old = aMemberInvitation().tenant(tenant).lapsed().build();
        invitations().add(old, Limit.UNLIMITED);
        MemberInvitation expired = old.expire(NOW);
        assertThat(invitations().update(expired)).isTrue();

        MemberInvitation revived = expired.resend(NOW, digest(), POLICY);
        assertThat(invitations().update(revived)).isTrue();
        assertThat(invitations().storedPendingFor(tenant, old.email())).contains(revived);

        MemberInvitation otherOld = aMemberInvitation().tenant(tenant).lapsed().build();
        invitations().add(otherOld, Limit.UNLIMITED);
        MemberInvitation otherExpired = otherOld.expire(NOW);
        assertThat(invitations().update(otherExpired)).isTrue();
        assertThat(invitations().add(aMemberInvitation().tenant(tenant).email(otherOld.email()).build(), Limit.UNLIMITED))
                .isEqualTo(AddOutcome.ADDED);
        assertThat(invitations().update(otherExpired.resend(NOW, digest(), POLICY)))
                .as("another invitation for the email is pending").isFalse();
        assertThat(invitations().byId(otherOld.id())).contains(otherExpired);
    }

    @Test
    void resending_an_expired_invitation_into_a_full_tenant_is_refused_until_a_seat_is_free() {
        TenantId tenant = newTenantWithOwner(); // a plain tenant: room for 6 users
        Limit six = storage().tenants().byId(tenant).orElseThrow().limits().users();
        assertThat(six).isEqualTo(Limit.of(6));
        MemberInvitation old = aMemberInvitation().tenant(tenant).lapsed().build();
        invitations().add(old, six);
        MemberInvitation expired = old.expire(NOW);
        assertThat(invitations().update(expired)).isTrue();
        List<MemberInvitation> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MemberInvitation other = aMemberInvitation().tenant(tenant).build();
            assertThat(invitations().add(other, six)).isEqualTo(AddOutcome.ADDED);
            others.add(other);
        }

        MemberInvitation revived = expired.resend(NOW, digest(), POLICY);
        assertThat(invitations().update(revived)).as("1 owner + 5 pending fill the tenant").isFalse();
        assertThat(invitations().byId(old.id())).contains(expired);

        assertThat(invitations().update(others.get(0).cancel(NOW))).isTrue();
        assertThat(invitations().update(revived)).isTrue();
        assertThat(memberships().add(joiner(tenant), six)).isEqualTo(Memberships.AddOutcome.TENANT_FULL);
    }

    @Test
    void of_32_concurrent_accepts_of_one_invitation_version_exactly_one_is_written() throws Exception {
        TenantId tenant = newTenantWithOwner();
        MemberInvitation invitation = aMemberInvitation().tenant(tenant).build();
        invitations().add(invitation, Limit.of(2));

        List<Outcome<Boolean>> outcomes = Concurrently.run(32, i -> storage().transactions().inTransaction(() -> {
            UserId user = new UserId(nextId());
            if (!invitations().update(invitation.accept(NOW, user))) {
                return false;
            }
            return memberships().add(aMembership().tenant(tenant).user(user).build(), Limit.of(2))
                    == Memberships.AddOutcome.ADDED;
        }));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().filter(Outcome::value)).hasSize(1);
        MemberInvitation stored = invitations().byId(invitation.id()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(memberships().count(tenant)).isEqualTo(2);
        assertThat(memberships().find(tenant, stored.acceptedBy())).isPresent();
    }

    @Test
    void concurrent_invites_and_joins_at_the_seat_limit_never_pass_it() throws Exception {
        TenantId tenant = newTenantWithOwner();
        Limit six = Limit.of(6);

        List<Outcome<Boolean>> outcomes = Concurrently.run(32, i -> storage().transactions().inTransaction(() -> i % 2 == 0
                ? invitations().add(aMemberInvitation().tenant(tenant).build(), six) == AddOutcome.ADDED
                : memberships().add(joiner(tenant), six) == Memberships.AddOutcome.ADDED));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().filter(Outcome::value)).hasSize(5);
        assertThat(memberships().count(tenant) + pendingIn(tenant)).isEqualTo(6);
        assertThat(invitations().add(aMemberInvitation().tenant(tenant).build(), six)).isEqualTo(AddOutcome.TENANT_FULL);
    }

    @Test
    void concurrent_accepts_and_joins_at_the_seat_limit_never_pass_it() throws Exception {
        TenantId tenant = newTenantWithOwner();
        Limit four = Limit.of(4);
        List<MemberInvitation> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MemberInvitation each = aMemberInvitation().tenant(tenant).build();
            assertThat(invitations().add(each, four)).isEqualTo(AddOutcome.ADDED);
            pending.add(each);
        }

        List<Outcome<Memberships.AddOutcome>> outcomes = Concurrently.run(30, i -> storage().transactions().inTransaction(() -> {
            if (i < pending.size()) {
                UserId user = new UserId(nextId());
                assertThat(invitations().update(pending.get(i).accept(NOW, user))).isTrue();
                Memberships.AddOutcome outcome = memberships().add(aMembership().tenant(tenant).user(user).build(), four);
                if (outcome != Memberships.AddOutcome.ADDED) {
                    throw new IllegalStateException("an accept lost its seat: " + outcome);
                }
                return outcome;
            }
            return memberships().add(joiner(tenant), four);
        }));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.subList(0, 3)).allSatisfy(o -> assertThat(o.value()).isEqualTo(Memberships.AddOutcome.ADDED));
        assertThat(outcomes.subList(3, 30)).allSatisfy(o -> assertThat(o.value()).isEqualTo(Memberships.AddOutcome.TENANT_FULL));
        assertThat(memberships().count(tenant)).isEqualTo(4);
        assertThat(pendingIn(tenant)).isZero();
    }

    @Test
    void of_concurrent_invitations_of_one_address_into_one_tenant_one_is_added() throws Exception {
        TenantId tenant = newTenant();
        EmailAddress email = email("rush");

        List<Outcome<AddOutcome>> outcomes = Concurrently.run(16, i -> storage().transactions().inTransaction(() ->
                invitations().add(aMemberInvitation().tenant(tenant)
                        .email(EmailAddress.of(i % 2 == 0 ? email.value() : email.value().toUpperCase(Locale.ROOT)))
                        .build(), Limit.UNLIMITED)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().filter(o -> o.value() == AddOutcome.ADDED)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o.value() == AddOutcome.PENDING_EXISTS)).hasSize(15);
        assertThat(invitations().list(tenant, Filter.all(NOW), null, 100)).hasSize(1);
    }
}
