package io.invitekit.application;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A host application that keeps its own users: Invitekit on in-memory ports with the host's user
 * directory and no password hasher, so without any account, password or session of its own. The
 * host signs its users in and passes {@link Actor}s and {@link VerifiedUser}s.
 */
class HostIdentityTest {
    private final ManualClock clock = new ManualClock(TestKit.START);
    private final InMemoryStorage storage = new InMemoryStorage();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final HostUsers users = new HostUsers();
    private final Invitekit kit = Invitekit.builder().inMemory().userDirectory(users)
            .storage(storage).mailSender(mail).clock(clock).random(new Random(11)).build();
    private final Actor admin = Actor.platformAdmin(users.add("ada", "ada@host.example", "Ada", "Admin"));

    @Test
    void withTheHostsDirectoryInvitekitKeepsNoAccounts() {
        assertThat(kit.hasAccounts()).isFalse();
        assertThatIllegalStateException().isThrownBy(kit::accounts).withMessageContaining("passwordHasher");
        assertThatIllegalStateException().as("a directory or a hasher: one of them is needed")
                .isThrownBy(() -> Invitekit.builder().storage(storage).mailSender(mail).build())
                .withMessageContaining("userDirectory");
        assertThat(Invitekit.builder().inMemory().build().hasAccounts()).as("in memory alone: Invitekit's own accounts")
                .isTrue();
    }

    @Test
    void theInvitersNameFromTheDirectoryIsKeptAndShownInThePreviewAndTheEmail() {
        InvitationView created = kit.invitations().create(admin, NewTenantInvitation.to("owner@example.org")
                .businessName("Bright Bakery").tier(SubscriptionTier.STARTER).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS));

        assertThat(created.invitedBy()).isEqualTo(new InvitationView.Inviter(admin.id(), "ada@host.example", "Ada Admin"));
        assertThat(storage.invitations().byId(created.id()).orElseThrow().inviterName()).isEqualTo("Ada Admin");
        assertThat(storage.outbox().all()).singleElement().extracting(OutboxMessage::mail)
                .isInstanceOfSatisfying(TenantInvitationMail.Queued.class,
                        queued -> assertThat(queued.inviterName()).isEqualTo("Ada Admin"));

        // The directory changes afterwards: what was sent and shown stays what the owner was told.
        users.add("ada", "ada@host.example", "Ada", "Lovelace");
        String token = tokenOf(created);
        assertThat(kit.acceptance().preview(token).inviterName()).isEqualTo("Ada Admin");
        assertThat(kit.acceptance().preview(token).permissions()).containsExactly(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        kit.delivery().relayOnce();
        assertThat(mail.sent(TenantInvitationMail.class)).singleElement().satisfies(sent -> {
            assertThat(sent.inviterName()).isEqualTo("Ada Admin");
            assertThat(sent.link()).hasToString("http://localhost:8080/tenant-onboard#token=" + token);
        });
        assertThat(kit.invitations().get(admin, created.id()).invitedBy().name()).isEqualTo("Ada Admin");
    }

    @Test
    void anInviterTheDirectoryDoesNotKnowIsNamedAfterThePlatform() {
        Actor stranger = Actor.platformAdmin(hostId("gone"));
        InvitationView created = kit.invitations().create(stranger, NewTenantInvitation.to("owner@example.org"));

        assertThat(created.invitedBy().id()).isEqualTo(stranger.id());
        assertThat(created.invitedBy()).extracting(InvitationView.Inviter::email, InvitationView.Inviter::name).containsOnlyNulls();
        assertThat(kit.acceptance().preview(tokenOf(created)).inviterName()).isNull();
        kit.delivery().relayOnce();
        assertThat(mail.sent(TenantInvitationMail.class)).singleElement()
                .satisfies(sent -> assertThat(sent.inviterName()).isEqualTo("Invitekit"));
    }

    @Test
    void theInvitedOwnerAcceptsAsTheHostsVerifiedUserAndBecomesOwner() {
        UserId grace = users.add("grace", "grace@example.org", "Grace", "Hopper");
        InvitationView invitation = kit.invitations().create(admin, NewTenantInvitation.to("Grace@Example.org")
                .tier(SubscriptionTier.STARTER).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS));
        String token = tokenOf(invitation); // accepting withdraws the unsent email, and its token with it

        AcceptedInvitation accepted = kit.acceptance().accept(VerifiedUser.of(grace, "GRACE@example.org"),
                AcceptInvitation.token(token).businessName("Bright Bakery").subdomain("bright"));

        assertThat(accepted.owner()).isEqualTo(grace);
        TenantView tenant = accepted.tenant();
        assertThat(tenant.domain()).isEqualTo("bright.localhost");
        assertThat(tenant.maxUsers()).isEqualTo(10);
        assertThat(tenant.permissions()).containsExactly(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        assertThat(tenant.members()).singleElement().satisfies(owner -> {
            assertThat(owner.user()).isEqualTo(new UserView(grace, "grace@example.org", "Grace", "Hopper", null));
            assertThat(owner.role()).isEqualTo(Role.OWNER);
        });
        assertThat(storage.memberships().find(tenant.id(), grace)).hasValueSatisfying(m -> assertThat(m.role())
                .isEqualTo(Role.OWNER));
        assertThat(kit.tenants().memberships(Actor.user(grace), PageRequest.first()).items())
                .extracting(MembershipView::tenantId, MembershipView::role).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(tenant.id(), Role.OWNER));
        assertThat(kit.tenants().get(Actor.user(grace), tenant.id()).name()).isEqualTo("Bright Bakery");

        InvitationView after = kit.invitations().get(admin, invitation.id());
        assertThat(after.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(after.createdUserId()).isEqualTo(grace);
        assertThat(after.createdTenantId()).isEqualTo(tenant.id());
        assertThat(storage.accounts().byEmail(EmailAddress.of("grace@example.org"))).as("no Invitekit account").isEmpty();
        assertThat(storage.accounts().byIds(List.of(grace))).isEmpty();
        assertThat(storage.auditLog().events()).filteredOn(e -> e.action().equals("tenant_invitation.accepted"))
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("new_account", "false"));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> kit.acceptance().accept(VerifiedUser.of(grace, "grace@example.org"),
                AcceptInvitation.token(token).businessName("Again").subdomain("again")));
    }

    @Test
    void theHostsUserAnInvitationMadeOwnerIsToldItsTenantAgainAndNobodyElseIs() {
        UserId grace = users.add("grace", "grace@example.org", "Grace", "Hopper");
        UserId mallory = users.add("mallory", "mallory@example.org", "Mallory", "Mole");
        String token = tokenOf(kit.invitations().create(admin, NewTenantInvitation.to("grace@example.org")));
        AcceptedInvitation accepted = kit.acceptance().accept(VerifiedUser.of(grace, "grace@example.org"),
                AcceptInvitation.token(token).businessName("Bright Bakery").subdomain("bright"));

        assertThat(kit.acceptance().createdTenant(Actor.user(grace), token, null)).isEqualTo(accepted.tenant().id());
        refused(ErrorCode.INVITATION_ACCEPTED, () -> kit.acceptance().createdTenant(Actor.user(mallory), token, null));
    }

    @Test
    void aVerifiedEmailOtherThanTheInvitationsIsForbiddenAndNothingIsWritten() {
        UserId grace = users.add("grace", "grace@example.org", "Grace", "Hopper");
        UserId mallory = users.add("mallory", "mallory@example.org", "Mallory", "Mole");
        String token = tokenOf(kit.invitations().create(admin, NewTenantInvitation.to("grace@example.org")));
        long auditBefore = storage.auditLog().events().size();

        refused(ErrorCode.FORBIDDEN, () -> kit.acceptance().accept(VerifiedUser.of(mallory, "mallory@example.org"),
                AcceptInvitation.token(token).businessName("Mine Now").subdomain("bright")));
        refused(ErrorCode.FORBIDDEN, () -> kit.acceptance().accept(VerifiedUser.of(grace, "grace@elsewhere.example"),
                AcceptInvitation.token(token).businessName("Bright").subdomain("bright")));
        refused(ErrorCode.FORBIDDEN, () -> kit.acceptance().accept(VerifiedUser.of(mallory, "mallory@example.org"),
                AcceptInvitation.token(token).businessName(" ").subdomain("admin")));

        assertThat(kit.acceptance().preview(token).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(TestKit.tenantsIn(storage)).isEmpty();
        assertThat(storage.memberships().ofUser(mallory)).isEmpty();
        assertThat(kit.subdomains().check("bright").available()).isTrue();
        assertThat(storage.auditLog().events()).hasSize((int) auditBefore);

        assertThat(kit.acceptance().accept(VerifiedUser.of(grace, "grace@example.org"),
                AcceptInvitation.token(token).businessName("Bright").subdomain("bright")).owner()).isEqualTo(grace);
    }

    @Test
    void aHostsUserMayBeAnUnknownTokenHolderOrLateLikeAnyOther() {
        UserId grace = users.add("grace", "grace@example.org", "Grace", "Hopper");
        String token = tokenOf(kit.invitations().create(admin, NewTenantInvitation.to("grace@example.org")));
        VerifiedUser verified = VerifiedUser.of(grace, "grace@example.org");

        refused(ErrorCode.NOT_FOUND, () -> kit.acceptance().accept(verified,
                AcceptInvitation.token("A".repeat(43)).businessName("Bright").subdomain("bright")));
        refused(ErrorCode.VALIDATION_FAILED, () -> kit.acceptance().accept(verified,
                AcceptInvitation.token(token).businessName(" ").subdomain("bright")));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> kit.acceptance().accept(verified,
                AcceptInvitation.token(token).businessName("Bright").subdomain("admin")));
        clock.advance(Duration.ofDays(7));
        refused(ErrorCode.INVITATION_EXPIRED, () -> kit.acceptance().accept(verified,
                AcceptInvitation.token(token).businessName("Bright").subdomain("bright")));
        assertThat(storage.memberships().ofUser(grace)).isEmpty();
    }

    @Test
    void theHostsUsersCreateAFamilyAndJoinItWithACode() {
        Actor parent = Actor.user(users.add("pat", "pat@example.org", "Pat", "Garcia"));
        Actor child = Actor.user(users.add("kim", "kim@example.org", "Kim", "Garcia"));

        TenantView family = kit.tenants().create(parent, NewTenant.named("The Garcias"));
        assertThat(family.subdomain()).isEqualTo("the-garcias");
        assertThat(family.members()).singleElement().satisfies(m -> {
            assertThat(m.user().firstName()).isEqualTo("Pat");
            assertThat(m.role()).isEqualTo(Role.OWNER);
        });

        JoinCodeView first = kit.joinCodes().view(parent, family.id());
        JoinCodeView rotated = kit.joinCodes().rotate(parent, family.id(), CodeRotation.limits().validForHours(48).maxUses(2));
        assertThat(rotated.code()).isNotEqualTo(first.code());
        assertThat(rotated.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofHours(48)));
        refused(ErrorCode.INVALID_CODE, () -> kit.joinCodes().join(child, JoinWithCode.code(first.code()).from("192.0.2.5")));

        JoinResult joined = kit.joinCodes().join(child, JoinWithCode.code(rotated.display().toLowerCase()).from("192.0.2.5"));

        assertThat(joined).isEqualTo(new JoinResult(family.id(), "The Garcias", Role.MEMBER, false));
        assertThat(kit.joinCodes().view(child, family.id()).uses()).isEqualTo(1);
        refused(ErrorCode.FORBIDDEN, () -> kit.joinCodes().rotate(child, family.id(), CodeRotation.unlimited()));
        assertThat(kit.tenants().get(parent, family.id()).members()).extracting(m -> m.user().email(), TenantView.Member::role)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pat@example.org", Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple("kim@example.org", Role.MEMBER));

        users.remove(child.id()); // the host deleted its user: the membership shows the id alone
        assertThat(kit.tenants().get(parent, family.id()).members()).extracting(TenantView.Member::user)
                .contains(UserView.unknown(child.id()));
    }

    private String tokenOf(InvitationView invitation) {
        return storage.outbox().all().stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .reduce((older, newer) -> newer)
                .map(OutboxMessage::secret)
                .orElseThrow();
    }

    /** A host's stable id for its user, mapped to a UUID as the {@link Actor} documentation suggests. */
    private static UserId hostId(String hostUserId) {
        return new UserId(UUID.nameUUIDFromBytes(("myapp:" + hostUserId).getBytes(StandardCharsets.UTF_8)));
    }

    /** The host application's own users. */
    /** With verified emails required, a host's users still join: their host verified them (no Invitekit account). */
    @Test
    void theHostsUsersJoinByCodeWhenVerifiedEmailsAreRequired() {
        Invitekit strict = Invitekit.builder().inMemory().userDirectory(users)
                .settings(InvitekitSettings.defaults().toBuilder().requireVerifiedEmail(true).build())
                .storage(new InMemoryStorage()).mailSender(mail).clock(clock).random(new Random(13)).build();
        Actor parent = Actor.user(users.add("pam", "pam@example.org", "Pam", "Ito"));
        Actor child = Actor.user(users.add("kai", "kai@example.org", "Kai", "Ito"));
        TenantView family = strict.tenants().create(parent, NewTenant.named("The Itos"));

        String code = strict.joinCodes().view(parent, family.id()).code();

        assertThat(strict.joinCodes().join(child, JoinWithCode.code(code)).tenantId()).isEqualTo(family.id());
    }

    private static final class HostUsers implements UserDirectory {
        private final Map<UserId, UserProfile> known = new ConcurrentHashMap<>();

        UserId add(String hostUserId, String email, String firstName, String lastName) {
            UserId id = hostId(hostUserId);
            known.put(id, new UserProfile(id, EmailAddress.of(email), firstName, lastName));
            return id;
        }

        void remove(UserId id) {
            known.remove(id);
        }

        @Override
        public Map<UserId, UserProfile> profiles(Collection<UserId> ids) {
            return ids.stream().distinct().filter(known::containsKey)
                    .collect(Collectors.toMap(Function.identity(), known::get));
        }
    }
}
