package io.invitekit.application.service;

import static io.invitekit.application.TestKit.accept;
import static io.invitekit.application.TestKit.on;
import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase.AcceptCommand;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.TenantInvitationUseCase.CreateCommand;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.SubdomainTakenException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvitationAcceptanceServiceTest {
    private final TestKit t = new TestKit();
    private final UserId admin = t.admin();

    @Test
    void previewShowsTheOfferAndChangesNothing() {
        InvitationView inv = t.kit.invitations().create(new CreateCommand(admin, "owner@example.org", "Bright Bakery",
                "ENTERPRISE", null, null, on("can_use_custom_domain"), null, null, "bright"));

        InvitationPreview preview = t.kit.acceptance().preview(t.tokenOf(inv));
        t.kit.acceptance().preview(t.tokenOf(inv));

        assertThat(preview.email()).isEqualTo("owner@example.org");
        assertThat(preview.suggestedBusinessName()).isEqualTo("Bright Bakery");
        assertThat(preview.subscriptionTier()).isEqualTo("ENTERPRISE");
        assertThat(preview.maxUsers()).isNull();
        assertThat(preview.permissions()).containsEntry("can_use_custom_domain", true);
        assertThat(preview.reservedSubdomain()).isEqualTo("bright");
        assertThat(preview.inviterName()).isEqualTo("Platform Admin");
        assertThat(preview.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(t.kit.invitations().get(admin, inv.id().toString()).status()).isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void unknownAndMalformedTokensAreNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview("A".repeat(43)));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview("../../etc/passwd"));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().accept(accept(null, "bright")));
    }

    @Test
    void deadInvitationsSayWhyTheyAreDead() {
        InvitationView expiring = t.invite(admin, "late@example.org");
        InvitationView cancelled = t.invite(admin, "gone@example.org");
        String cancelledToken = t.tokenOf(cancelled); // cancelling withdraws the unsent email, and its token with it
        t.kit.invitations().cancel(admin, cancelled.id().toString());
        InvitationView accepted = t.invite(admin, "done@example.org");
        t.kit.acceptance().accept(accept(t.tokenOf(accepted), "done"));
        t.clock.advance(Duration.ofDays(7));

        refused(ErrorCode.INVITATION_EXPIRED, () -> t.kit.acceptance().preview(t.tokenOf(expiring)));
        refused(ErrorCode.INVITATION_EXPIRED, () -> t.kit.acceptance().accept(accept(t.tokenOf(expiring), "late")));
        refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.acceptance().preview(cancelledToken));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.acceptance().preview(t.tokenOf(accepted)));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.acceptance().accept(accept(t.tokenOf(accepted), "other")));
    }

    @Test
    void acceptCreatesTenantDomainOwnerAndMembershipAndSignsTheOwnerIn() {
        InvitationView inv = t.kit.invitations().create(new CreateCommand(admin, "owner@example.org", null, "STARTER",
                null, 40, on("can_accept_payments"), on("calendars"), null, null));

        AcceptResult result = t.kit.acceptance().accept(new AcceptCommand(t.tokenOf(inv), TestKit.PASSWORD, "Grace",
                "Hopper", "Bright Bakery", "Bright-Bakery", "contact@bright.example", "+1 (555) 010-0000"));

        assertThat(result.tenant().subdomain()).isEqualTo("bright-bakery");
        assertThat(result.tenant().domain()).isEqualTo("bright-bakery.acme.test");
        assertThat(result.tenant().subscriptionTier()).isEqualTo("STARTER");
        assertThat(result.tenant().maxUsers()).isEqualTo(10);
        assertThat(result.tenant().maxResources()).isEqualTo(40);
        assertThat(result.tenant().permissions()).containsEntry("can_accept_payments", true);
        assertThat(result.tenant().featureFlags()).containsEntry("calendars", true);
        assertThat(result.tenant().contactEmail()).isEqualTo("contact@bright.example");
        assertThat(result.auth().user().email()).isEqualTo("owner@example.org");
        assertThat(result.auth().expiresInSeconds()).isEqualTo(3600);

        UserId owner = t.kit.accounts().authenticate(result.auth().accessToken()).orElseThrow();
        assertThat(t.kit.accounts().me(owner).memberships()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(Role.OWNER);
            assertThat(m.subdomain()).isEqualTo("bright-bakery");
        });
        InvitationView after = t.kit.invitations().get(admin, inv.id().toString());
        assertThat(after.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(after.acceptedAt()).isEqualTo(TestKit.START);
        assertThat(after.createdTenantId()).isEqualTo(result.tenant().id());
        assertThat(after.createdUserId()).isEqualTo(owner);
        assertThat(t.kit.subdomains().check("bright-bakery").reason()).isEqualTo("taken");
        assertThat(t.storage.auditLog().events()).anyMatch(e -> e.action().equals("tenant_invitation.accepted"));
    }

    @Test
    void anExistingAccountKeepsItsNamesAndMustGiveItsOwnPassword() {
        t.user("owner@example.org");
        InvitationView inv = t.invite(admin, "owner@example.org");

        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.acceptance().accept(new AcceptCommand(t.tokenOf(inv),
                "not the password", "X", "Y", "Bright", "bright", null, null)));
        AcceptResult result = t.kit.acceptance().accept(new AcceptCommand(t.tokenOf(inv), TestKit.PASSWORD, null, null,
                "Bright", "bright", null, null));

        assertThat(result.auth().user().firstName()).isEqualTo("Ada");
        assertThat(t.storage.tenants().list(null, null, 10)).hasSize(1);
    }

    @Test
    void refusesWeakPasswordsMissingNamesAndBadContactDetails() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.acceptance().accept(new AcceptCommand(t.tokenOf(inv), "owner@example.org", " ", null, "Bright",
                        "bright", "nope", "call me")));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("password", "first_name", "last_name", "contact_email", "phone");
        assertThat(t.kit.invitations().get(admin, inv.id().toString()).status()).isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void refusesAnInvalidOrReservedSubdomainAsInvalidSubdomain() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.acceptance().accept(accept(t.tokenOf(inv), "www")));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.acceptance().accept(accept(t.tokenOf(inv), "xn--abc")));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.acceptance().accept(accept(t.tokenOf(inv), null)));
    }

    @Test
    void aTakenSubdomainIsRefusedWithSuggestionsAndNothingIsWritten() {
        t.family(t.newUser(), "Bright");
        InvitationView inv = t.invite(admin, "owner@example.org");

        SubdomainTakenException taken = (SubdomainTakenException) refused(ErrorCode.SUBDOMAIN_TAKEN,
                () -> t.kit.acceptance().accept(accept(t.tokenOf(inv), "bright")));

        assertThat(taken.suggestions()).extracting(Object::toString).containsExactly("bright-2", "bright-3", "bright-4");
        assertThat(t.kit.invitations().get(admin, inv.id().toString()).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(t.storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of("owner@example.org"))).isEmpty();
        assertThat(t.kit.acceptance().accept(accept(t.tokenOf(inv), "bright-2")).tenant().subdomain()).isEqualTo("bright-2");
    }

    @Test
    void theOwnerMayTakeTheReservedSubdomainOrAnotherFreeOneWhichFreesTheReservation() {
        InvitationView first = t.kit.invitations().create(new CreateCommand(admin, "a@example.org", null, null, null,
                null, null, null, null, "alpha"));
        InvitationView second = t.kit.invitations().create(new CreateCommand(admin, "b@example.org", null, null, null,
                null, null, null, null, "beta"));

        refused(ErrorCode.SUBDOMAIN_TAKEN, () -> t.kit.acceptance().accept(accept(t.tokenOf(first), "beta")));
        assertThat(t.kit.acceptance().accept(accept(t.tokenOf(first), "alpha")).tenant().subdomain()).isEqualTo("alpha");
        assertThat(t.kit.acceptance().accept(accept(t.tokenOf(second), "gamma")).tenant().subdomain()).isEqualTo("gamma");
        assertThat(t.kit.subdomains().check("beta").available()).isTrue();
    }

    @Test
    void aFailureHalfwayThroughAcceptLeavesNothingWritten() {
        TestKit failing = new TestKit(s -> s, (b, store) -> b.accounts(new FailingAfterAddAccounts(store.accounts())));
        InMemoryStorage storage = failing.storage;
        UserId root = failing.admin();
        InvitationView inv = failing.invite(root, "owner@example.org");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> failing.kit.acceptance().accept(accept(failing.tokenOf(inv), "bright")))
                .hasMessageContaining("disk on fire");

        assertThat(failing.kit.invitations().get(root, inv.id().toString()).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(storage.tenants().list(null, null, 10)).isEmpty();
        assertThat(storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of("owner@example.org"))).isEmpty();
        assertThat(failing.kit.subdomains().check("bright").available()).isTrue();
        assertThat(storage.auditLog().events()).noneMatch(e -> e.action().equals("tenant_invitation.accepted"));
        assertThat(failing.kit.acceptance().preview(failing.tokenOf(inv)).status()).isEqualTo(InvitationStatus.PENDING);
    }

    /** Writes the account, then fails as a store might: the transaction must undo everything. */
    private static final class FailingAfterAddAccounts implements io.invitekit.application.port.out.Accounts {
        private final io.invitekit.application.port.out.Accounts delegate;

        FailingAfterAddAccounts(io.invitekit.application.port.out.Accounts delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(io.invitekit.domain.account.Account account) {
            delegate.add(account);
            if (!account.isPlatformAdmin()) {
                throw new IllegalStateException("disk on fire");
            }
        }

        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byId(UserId id) {
            return delegate.byId(id);
        }

        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byEmail(io.invitekit.domain.shared.EmailAddress email) {
            return delegate.byEmail(email);
        }

        @Override
        public java.util.List<io.invitekit.domain.account.Account> byIds(java.util.Collection<UserId> ids) {
            return delegate.byIds(ids);
        }

        @Override
        public boolean anyPlatformAdmin() {
            return delegate.anyPlatformAdmin();
        }
    }
}
