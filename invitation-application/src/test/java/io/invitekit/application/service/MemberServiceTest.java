package io.invitekit.application.service;

import static io.invitekit.application.TestKit.PASSWORD;
import static io.invitekit.application.TestKit.START;
import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MemberAcceptResult;
import io.invitekit.application.port.in.MemberInvitationPreview;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.MemberView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemberServiceTest {
    private static final String ADDRESS = "192.0.2.7";

    private final TestKit t = new TestKit();
    private final Actor owner = t.user("olga@family.example");
    private final TenantView family = t.family(owner, "The Smiths");
    private final TenantId tenant = family.id();
    private int counter;

    // ------------------------------------------------------------ helpers

    private MemberInvitationView invite(Actor by, String email, Role role) {
        return t.kit.members().invite(by, tenant, NewMemberInvitation.to(email).role(role));
    }

    /** The newest email queued for the invitation. */
    private OutboxMessage mailOf(MemberInvitationView invitation) {
        return t.storage.outbox().all().stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .max(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                .orElseThrow();
    }

    private String tokenOf(MemberInvitationView invitation) {
        return mailOf(invitation).secret();
    }

    private List<OutboxMessage> mailsOf(MemberInvitationView invitation) {
        return t.storage.outbox().all().stream().filter(m -> invitation.id().toString().equals(m.aggregateId())).toList();
    }

    /** A new account (its email unverified, verified emails not required) that joined through an invitation. */
    private Actor joined(Role role) {
        String email = "member" + (++counter) + "@family.example";
        Actor user = t.user(email);
        String token = tokenOf(invite(owner, email, role));
        t.kit.members().accept(VerifiedUser.of(user.id(), email), token, ADDRESS);
        return user;
    }

    private Role roleOf(Actor actor) {
        return t.storage.memberships().find(tenant, actor.id()).map(Membership::role).orElse(null);
    }

    private List<String> audited() {
        return t.storage.auditLog().events().stream().map(AuditEvent::action).toList();
    }

    private AuditEvent lastAudit(String action) {
        return t.storage.auditLog().events().stream().filter(e -> e.action().equals(action))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no audit " + action));
    }

    private MemberInvitationView stored(MemberInvitationView invitation) {
        return t.kit.members().invitations(owner, tenant, InvitationQuery.all()).items().stream()
                .filter(i -> i.id().equals(invitation.id())).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------ invite

    @Nested
    class Invite {
        @Test
        void queuesTheEmailWithTheInvitationsValuesAndAuditsIt() {
            MemberInvitationView inv = invite(owner, "Kim@Family.example", Role.ADMIN);

            assertThat(inv.tenantId()).isEqualTo(tenant);
            assertThat(inv.email()).isEqualTo("kim@family.example");
            assertThat(inv.role()).isEqualTo(Role.ADMIN);
            assertThat(inv.status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(inv.invitedBy().id()).isEqualTo(owner.id());
            assertThat(inv.invitedBy().email()).isEqualTo("olga@family.example");
            assertThat(inv.createdAt()).isEqualTo(START);
            assertThat(inv.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
            assertThat(inv.resendCount()).isZero();
            assertThat(inv.delivery().state()).isEqualTo("QUEUED");

            OutboxMessage message = mailOf(inv);
            assertThat(message.kind()).isEqualTo(MemberInvitationMail.KIND);
            assertThat(message.secret()).isNotBlank();
            MemberInvitationMail.Queued mail = (MemberInvitationMail.Queued) message.mail();
            assertThat(mail.to()).isEqualTo(EmailAddress.of("kim@family.example"));
            assertThat(mail.platformName()).isEqualTo("Acme Cloud");
            assertThat(mail.inviterName()).isEqualTo("Ada Lovelace");
            assertThat(mail.tenantName()).isEqualTo("The Smiths");
            assertThat(mail.role()).isEqualTo(Role.ADMIN);
            assertThat(mail.expiresAt()).isEqualTo(inv.expiresAt());
            assertThat(mail.expiresInDays()).isEqualTo(7);

            AuditEvent audit = lastAudit("member_invitation.created");
            assertThat(audit.actor()).isEqualTo(owner.id());
            assertThat(audit.tenant()).isEqualTo(tenant);
            assertThat(audit.subject()).isEqualTo(inv.id().toString());
            assertThat(audit.details()).containsEntry("role", "ADMIN").containsEntry("email", "kim@family.example");
        }

        @Test
        void ownersSeeTheEmailsDeliveryButNotTheMailServersWords() {
            MemberInvitationView sent = invite(owner, "kim@family.example", Role.MEMBER);
            t.mail.setDown(true);
            t.kit.delivery().relayOnce();

            MemberInvitationView seen = stored(sent);
            assertThat(seen.delivery().state()).isEqualTo("RETRYING");
            assertThat(seen.delivery().attempts()).isEqualTo(1);
            assertThat(seen.delivery().lastError()).isNull();
        }

        @Test
        void theLinkCarriesTheTokenWhenTheEmailGoesOut() {
            String token = tokenOf(invite(owner, "kim@family.example", Role.MEMBER));
            t.kit.delivery().relayOnce();

            MemberInvitationMail sent = t.mail.sent(MemberInvitationMail.class).get(0);
            assertThat(sent.link().toString()).isEqualTo("https://app.acme.test/invite#token=" + token);
            assertThat(sent.token()).isEqualTo(token);
            assertThat(sent.role()).isEqualTo(Role.MEMBER);
        }

        @Test
        void aLifetimeMayBeAskedForWithinOneToThirtyDays() {
            MemberInvitationView inv = t.kit.members().invite(owner, tenant,
                    NewMemberInvitation.to("kim@family.example").expiresInDays(3));
            assertThat(inv.expiresAt()).isEqualTo(START.plus(Duration.ofDays(3)));
            assertThat(inv.role()).isEqualTo(Role.MEMBER);

            for (int days : new int[] {0, 31}) {
                ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                        () -> t.kit.members().invite(owner, tenant,
                                NewMemberInvitation.to("lee@family.example").expiresInDays(days)));
                assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).contains("expiresInDays");
            }
        }

        @Test
        void nobodyIsInvitedAsOwnerNorWithAMalformedEmailOrRole() {
            ValidationException asOwner = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> invite(owner, "kim@family.example", Role.OWNER));
            assertThat(asOwner.errors()).extracting(ValidationException.FieldError::field).containsExactly("role");
            ValidationException badEmail = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> invite(owner, "not an email", Role.MEMBER));
            assertThat(badEmail.errors()).extracting(ValidationException.FieldError::field).containsExactly("email");
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().invite(owner, tenant,
                    NewMemberInvitation.to("kim@family.example").role("chief")));
            assertThat(t.storage.outbox().all()).noneMatch(m -> m.kind().equals(MemberInvitationMail.KIND));
        }

        @Test
        void anAdminInvitesMembersOnlyAndAMemberNobody() {
            Actor admin = joined(Role.ADMIN);
            Actor member = joined(Role.MEMBER);

            refused(ErrorCode.FORBIDDEN, () -> invite(admin, "kim@family.example", Role.ADMIN));
            refused(ErrorCode.FORBIDDEN, () -> invite(member, "kim@family.example", Role.MEMBER));
            assertThat(invite(admin, "kim@family.example", Role.MEMBER).role()).isEqualTo(Role.MEMBER);
        }

        @Test
        void onePendingInvitationPerTenantAndEmail() {
            invite(owner, "kim@family.example", Role.MEMBER);

            refused(ErrorCode.INVITATION_PENDING_EXISTS, () -> invite(owner, "KIM@family.example", Role.ADMIN));
            // Another tenant may invite the same address.
            TenantView other = t.family(owner, "The Joneses");
            assertThat(t.kit.members().invite(owner, other.id(), NewMemberInvitation.to("kim@family.example")).status())
                    .isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void anExpiredPendingInvitationMakesWayForANewOne() {
            MemberInvitationView old = invite(owner, "kim@family.example", Role.MEMBER);
            t.clock.advance(Duration.ofDays(8));

            MemberInvitationView fresh = invite(owner, "kim@family.example", Role.ADMIN);

            assertThat(fresh.id()).isNotEqualTo(old.id());
            assertThat(stored(old).status()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(stored(fresh).status()).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void oneAddressGetsAFewInvitationsAnHourHoweverOftenTheyAreRevoked() {
            for (int i = 0; i < 5; i++) {
                MemberInvitationView sent = invite(owner, "kim@family.example", Role.MEMBER);
                t.kit.members().revoke(owner, tenant, sent.id());
            }

            refused(ErrorCode.RATE_LIMITED, () -> invite(owner, "Kim@family.example", Role.MEMBER));
            assertThat(mailsOfKind()).hasSize(5);
            // Another address is not held up by it.
            assertThat(invite(owner, "lee@family.example", Role.MEMBER).status()).isEqualTo(InvitationStatus.PENDING);
        }

        private List<OutboxMessage> mailsOfKind() {
            return t.storage.outbox().all().stream()
                    .filter(m -> m.mail() instanceof MemberInvitationMail.Queued q && q.to().value().equals("kim@family.example"))
                    .toList();
        }

        @Test
        void aDeactivatedTenantInvitesNobody() {
            t.kit.tenants().setActive(t.admin(), tenant, false);
            refused(ErrorCode.TENANT_INACTIVE, () -> invite(owner, "kim@family.example", Role.MEMBER));
        }
    }

    // ------------------------------------------------------------ seats

    @Nested
    class Seats {
        /** The FREE tier holds 6 users: the owner and five pending invitations fill it. */
        private List<MemberInvitationView> fillWithInvitations() {
            List<MemberInvitationView> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(invite(owner, "guest" + i + "@family.example", Role.MEMBER));
            }
            return pending;
        }

        @Test
        void pendingInvitationsHoldSeatsAgainstInvites() {
            fillWithInvitations();

            refused(ErrorCode.TENANT_FULL, () -> invite(owner, "one-too-many@family.example", Role.MEMBER));
            assertThat(audited()).filteredOn("member_invitation.created"::equals).hasSize(5);
        }

        @Test
        void pendingInvitationsHoldSeatsAgainstJoinsByCode() {
            fillWithInvitations();
            String code = t.kit.joinCodes().view(owner, tenant).code();

            refused(ErrorCode.TENANT_FULL, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(1);
        }

        @Test
        void acceptingMovesTheSeatFromTheInvitationToTheMember() {
            List<MemberInvitationView> pending = fillWithInvitations();
            Actor guest = t.user("guest0@family.example");

            JoinResult joined = t.kit.members().accept(VerifiedUser.of(guest.id(), "guest0@family.example"),
                    tokenOf(pending.get(0)), ADDRESS);

            assertThat(joined.alreadyMember()).isFalse();
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(2);
            refused(ErrorCode.TENANT_FULL, () -> invite(owner, "one-too-many@family.example", Role.MEMBER));
        }

        @Test
        void anExpiredPendingInvitationGivesItsSeatBackToAnInvite() {
            fillWithInvitations();
            t.clock.advance(Duration.ofDays(8)); // the sweeper has not come by: all five still stored PENDING

            MemberInvitationView fresh = invite(owner, "latecomer@family.example", Role.MEMBER);

            assertThat(fresh.status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(t.kit.members().invitations(owner, tenant, InvitationQuery.all().status(InvitationStatus.EXPIRED))
                    .items()).hasSize(5);
        }

        @Test
        void anExpiredPendingInvitationGivesItsSeatBackToAJoinByCode() {
            fillWithInvitations();
            String code = t.kit.joinCodes().view(owner, tenant).code();
            t.clock.advance(Duration.ofDays(8));

            JoinResult joined = t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code));

            assertThat(joined.alreadyMember()).isFalse();
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(2);
        }

        @Test
        void revokingGivesTheSeatBack() {
            List<MemberInvitationView> pending = fillWithInvitations();

            t.kit.members().revoke(owner, tenant, pending.get(0).id());

            assertThat(invite(owner, "in-its-place@family.example", Role.MEMBER).status()).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void theSweeperExpiresMemberInvitationsAndFreesTheirSeats() {
            fillWithInvitations();
            t.clock.advance(Duration.ofDays(8));

            assertThat(t.kit.delivery().sweepExpiredOnce()).isEqualTo(5);
            assertThat(t.storage.memberInvitations().storedPendingFor(tenant, EmailAddress.of("guest0@family.example")))
                    .isEmpty();
            assertThat(t.kit.delivery().sweepExpiredOnce()).isZero();
        }
    }

    // ------------------------------------------------------------ list, resend, revoke

    @Nested
    class ManageInvitations {
        @Test
        void listsNewestFirstWithFiltersAndPages() {
            MemberInvitationView a = invite(owner, "a@family.example", Role.MEMBER);
            t.clock.advance(Duration.ofSeconds(1));
            MemberInvitationView b = invite(owner, "b@family.example", Role.ADMIN);
            t.clock.advance(Duration.ofSeconds(1));
            MemberInvitationView c = invite(owner, "c@family.example", Role.MEMBER);
            t.kit.members().revoke(owner, tenant, b.id());

            Page<MemberInvitationView> first = t.kit.members().invitations(owner, tenant,
                    InvitationQuery.all().page(new PageRequest(2, null)));
            Page<MemberInvitationView> second = t.kit.members().invitations(owner, tenant,
                    InvitationQuery.all().page(new PageRequest(2, first.nextCursor())));

            assertThat(first.items()).extracting(MemberInvitationView::id).containsExactly(c.id(), b.id());
            assertThat(second.items()).extracting(MemberInvitationView::id).containsExactly(a.id());
            assertThat(second.nextCursor()).isNull();
            assertThat(t.kit.members().invitations(owner, tenant, InvitationQuery.all().status("cancelled")).items())
                    .extracting(MemberInvitationView::id).containsExactly(b.id());
            assertThat(t.kit.members().invitations(owner, tenant, InvitationQuery.all().email("A@family.example")).items())
                    .extracting(MemberInvitationView::id).containsExactly(a.id());
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().invitations(owner, tenant,
                    InvitationQuery.all().page(new PageRequest(2, "not-a-cursor"))));
        }

        @Test
        void membersSeeNoInvitations() {
            Actor member = joined(Role.MEMBER);
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().invitations(member, tenant, InvitationQuery.all()));
        }

        @Test
        void resendRotatesTheTokenAndWithdrawsTheUnsentEmail() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            String oldToken = tokenOf(inv);
            t.clock.advance(Duration.ofMinutes(2));

            MemberInvitationView resent = t.kit.members().resend(owner, tenant, inv.id());

            String newToken = tokenOf(inv);
            assertThat(newToken).isNotEqualTo(oldToken);
            assertThat(resent.resendCount()).isEqualTo(1);
            assertThat(resent.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(2)).plus(Duration.ofDays(7)));
            assertThat(mailsOf(inv)).extracting(OutboxMessage::status)
                    .containsExactlyInAnyOrder(OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.PENDING);
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().preview(oldToken, ADDRESS));
            assertThat(t.kit.members().preview(newToken, ADDRESS).email()).isEqualTo("kim@family.example");
            assertThat(lastAudit("member_invitation.resent").details()).containsEntry("withdrawn_emails", "1");
        }

        @Test
        void resendIsCappedAndCooledDown() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);

            RetryLaterException tooSoon = (RetryLaterException) refused(ErrorCode.RESEND_TOO_SOON,
                    () -> t.kit.members().resend(owner, tenant, inv.id()));
            assertThat(tooSoon.retryAfter()).isEqualTo(Duration.ofSeconds(60));

            for (int i = 0; i < 5; i++) {
                t.clock.advance(Duration.ofMinutes(1));
                t.kit.members().resend(owner, tenant, inv.id());
            }
            t.clock.advance(Duration.ofMinutes(1));
            refused(ErrorCode.RESEND_LIMIT_REACHED, () -> t.kit.members().resend(owner, tenant, inv.id()));
        }

        @Test
        void revokeCancelsTheInvitationAndItsUnsentEmail() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            String token = tokenOf(inv);

            MemberInvitationView revoked = t.kit.members().revoke(owner, tenant, inv.id());

            assertThat(revoked.status()).isEqualTo(InvitationStatus.CANCELLED);
            assertThat(revoked.cancelledAt()).isEqualTo(START);
            assertThat(mailsOf(inv)).extracting(OutboxMessage::status).containsExactly(OutboxMessage.Status.WITHDRAWN);
            refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.members().preview(token, ADDRESS));
            refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.members().revoke(owner, tenant, inv.id()));
            assertThat(lastAudit("member_invitation.revoked").actor()).isEqualTo(owner.id());
        }

        @Test
        void anAdminManagesNoInvitationOfAnAdmin() {
            Actor admin = joined(Role.ADMIN);
            MemberInvitationView ofAnAdmin = invite(owner, "kim@family.example", Role.ADMIN);
            MemberInvitationView ofAMember = invite(admin, "lee@family.example", Role.MEMBER);

            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().revoke(admin, tenant, ofAnAdmin.id()));
            t.clock.advance(Duration.ofMinutes(2));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().resend(admin, tenant, ofAnAdmin.id()));
            assertThat(t.kit.members().revoke(admin, tenant, ofAMember.id()).status()).isEqualTo(InvitationStatus.CANCELLED);
        }

        @Test
        void anotherTenantsInvitationIsNotFound() {
            TenantView other = t.family(owner, "The Joneses");
            MemberInvitationView elsewhere = t.kit.members().invite(owner, other.id(),
                    NewMemberInvitation.to("kim@family.example"));

            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().revoke(owner, tenant, elsewhere.id()));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().revoke(owner, tenant,
                    new MemberInvitationId(UUID.fromString("0190a8e2-0000-7000-8000-000000000000"))));
        }
    }

    // ------------------------------------------------------------ preview and accept

    @Nested
    class PreviewAndAccept {
        @Test
        void previewShowsTheInvitationAndChangesNothing() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.ADMIN);
            long auditBefore = t.storage.auditLog().events().size();

            MemberInvitationPreview preview = t.kit.members().preview(tokenOf(inv), ADDRESS);
            t.kit.members().preview(tokenOf(inv), ADDRESS);

            assertThat(preview.tenantName()).isEqualTo("The Smiths");
            assertThat(preview.inviterName()).isEqualTo("Ada Lovelace");
            assertThat(preview.role()).isEqualTo(Role.ADMIN);
            assertThat(preview.email()).isEqualTo("kim@family.example");
            assertThat(preview.expiresAt()).isEqualTo(inv.expiresAt());
            assertThat(preview.status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(t.storage.memberInvitations().byId(inv.id()).orElseThrow().version()).isZero();
            assertThat(t.storage.auditLog().events()).hasSize((int) auditBefore);
        }

        @Test
        void previewsAreRateLimitedPerAddress() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            String token = tokenOf(inv);
            DomainException limited = null;
            for (int i = 0; i < 1_000 && limited == null; i++) {
                try {
                    t.kit.members().preview(token, "198.51.100.9");
                } catch (DomainException refusal) {
                    limited = refusal;
                }
            }
            assertThat(limited).isNotNull();
            assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            // Another address is not held back, and nothing changed.
            assertThat(t.kit.members().preview(token, ADDRESS).status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(t.storage.memberInvitations().byId(inv.id()).orElseThrow().version()).isZero();
        }

        @Test
        void unknownAndMalformedTokensAreNotFound() {
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().preview("A".repeat(43), ADDRESS));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().preview("short", ADDRESS));
        }

        @Test
        void acceptAddsTheMemberWithTheInvitedRoleAndWithdrawsTheUnsentEmail() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.ADMIN);
            Actor kim = t.user("kim@family.example");
            String token = tokenOf(inv);

            JoinResult joined = t.kit.members().accept(VerifiedUser.of(kim.id(), "kim@family.example"), token,
                    ADDRESS);

            assertThat(joined).isEqualTo(new JoinResult(tenant, "The Smiths", Role.ADMIN, false));
            assertThat(roleOf(kim)).isEqualTo(Role.ADMIN);
            MemberInvitationView accepted = stored(inv);
            assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(accepted.acceptedBy()).isEqualTo(kim.id());
            assertThat(accepted.acceptedAt()).isEqualTo(START);
            assertThat(mailsOf(inv)).extracting(OutboxMessage::status).containsExactly(OutboxMessage.Status.WITHDRAWN);
            AuditEvent join = lastAudit("membership.joined");
            assertThat(join.actor()).isEqualTo(kim.id());
            assertThat(join.subject()).isEqualTo(kim.id().toString());
            assertThat(join.details()).containsEntry("via", "member_invitation").containsEntry("role", "ADMIN");
            assertThat(lastAudit("member_invitation.accepted").subject()).isEqualTo(inv.id().toString());
            refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.members().preview(token, ADDRESS));
        }

        @Test
        void anotherEmailIsAMismatch() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            Actor lee = t.user("lee@family.example");

            refused(ErrorCode.EMAIL_MISMATCH, () -> t.kit.members().accept(
                    VerifiedUser.of(lee.id(), "lee@family.example"), tokenOf(inv), ADDRESS));
            refused(ErrorCode.EMAIL_MISMATCH, () -> t.kit.accounts().acceptMemberInvitation(lee, tokenOf(inv), ADDRESS));
            assertThat(roleOf(lee)).isNull();
            assertThat(stored(inv).status()).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void anExpiredInvitationIsRefused() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            Actor kim = t.user("kim@family.example");
            t.clock.advance(Duration.ofDays(7));

            refused(ErrorCode.INVITATION_EXPIRED, () -> t.kit.members().accept(
                    VerifiedUser.of(kim.id(), "kim@family.example"), tokenOf(inv), ADDRESS));
        }

        @Test
        void aMemberAlreadyKeepsTheHigherRole() {
            Actor member = joined(Role.MEMBER);
            String memberEmail = "member" + counter + "@family.example";
            Actor admin = joined(Role.ADMIN);
            String adminEmail = "member" + counter + "@family.example";

            JoinResult raised = t.kit.members().accept(VerifiedUser.of(member.id(), memberEmail),
                    tokenOf(invite(owner, memberEmail, Role.ADMIN)), ADDRESS);
            JoinResult kept = t.kit.members().accept(VerifiedUser.of(admin.id(), adminEmail),
                    tokenOf(invite(owner, adminEmail, Role.MEMBER)), ADDRESS);
            JoinResult ownerKept = t.kit.members().accept(VerifiedUser.of(owner.id(), "olga@family.example"),
                    tokenOf(invite(owner, "olga@family.example", Role.ADMIN)), ADDRESS);

            assertThat(raised).isEqualTo(new JoinResult(tenant, "The Smiths", Role.ADMIN, true));
            assertThat(kept).isEqualTo(new JoinResult(tenant, "The Smiths", Role.ADMIN, true));
            assertThat(ownerKept).isEqualTo(new JoinResult(tenant, "The Smiths", Role.OWNER, true));
            assertThat(roleOf(member)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(admin)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(owner)).isEqualTo(Role.OWNER);
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(3);
        }

        @Test
        void aDeactivatedTenantIsJoinedByNobody() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            Actor kim = t.user("kim@family.example");
            t.kit.tenants().setActive(t.admin(), tenant, false);

            refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.members().accept(
                    VerifiedUser.of(kim.id(), "kim@family.example"), tokenOf(inv), ADDRESS));
            assertThat(stored(inv).status()).isEqualTo(InvitationStatus.PENDING);
        }
    }

    // ------------------------------------------------------------ accept with Invitekit accounts

    @Nested
    class AcceptWithAnAccount {
        @Test
        void signingUpThroughTheLinkMakesAVerifiedAccountAMemberAndASession() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.ADMIN);

            MemberAcceptResult result = t.kit.accounts().acceptMemberInvitation(tokenOf(inv),
                    OwnerCredentials.password(PASSWORD).name("Kim", "Smith"), ADDRESS);

            UserId kim = result.auth().user().id();
            assertThat(result.auth().accessToken()).isNotBlank();
            assertThat(result.auth().user().email()).isEqualTo("kim@family.example");
            assertThat(result.membership()).isEqualTo(new JoinResult(tenant, "The Smiths", Role.ADMIN, false));
            assertThat(t.storage.accounts().byId(kim).orElseThrow().isEmailVerified()).isTrue();
            assertThat(t.kit.accounts().authenticate(result.auth().accessToken())).map(Actor::id).contains(kim);
            assertThat(t.storage.memberships().find(tenant, kim).orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(lastAudit("member_invitation.accepted").details()).containsEntry("new_account", "true");
        }

        @Test
        void anExistingVerifiedAccountSignsInWithItsPassword() {
            Actor kim = Actor.user(t.verifiedSignup("kim@family.example").user().id());
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);

            refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().acceptMemberInvitation(tokenOf(inv),
                    OwnerCredentials.password("wrong password here"), ADDRESS));
            assertThat(roleOf(kim)).isNull();

            MemberAcceptResult result = t.kit.accounts().acceptMemberInvitation(tokenOf(inv),
                    OwnerCredentials.password(PASSWORD), ADDRESS);

            assertThat(result.auth().user().id()).isEqualTo(kim.id());
            assertThat(roleOf(kim)).isEqualTo(Role.MEMBER);
        }

        @Test
        void passwordsTriedThroughTheLinkSpendTheLogInAllowance() {
            t.verifiedSignup("kim@family.example");
            String token = tokenOf(invite(owner, "kim@family.example", Role.MEMBER));
            DomainException last = null;
            for (int i = 0; i < 1_000 && (last == null || last.code() == ErrorCode.INVALID_CREDENTIALS); i++) {
                try {
                    t.kit.accounts().acceptMemberInvitation(token, OwnerCredentials.password("wrong password " + i),
                            "203.0.113." + (i % 250));
                } catch (DomainException refused) {
                    last = refused;
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            // The same per-email budget as a log-in.
            refused(ErrorCode.RATE_LIMITED, () -> t.kit.accounts().login(LogIn.with("kim@family.example", PASSWORD)
                    .from("198.51.100.77")));
        }

        @Test
        void noAccountAndNoNamesIsRefusedLikeAWrongPassword() {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().acceptMemberInvitation(tokenOf(inv),
                    OwnerCredentials.password(PASSWORD), ADDRESS));
            assertThat(stored(inv).status()).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void anUnverifiedAccountIsClaimedByTheLink() {
            Actor squatter = t.user("kim@family.example"); // signed up by someone, never verified
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);

            MemberAcceptResult result = t.kit.accounts().acceptMemberInvitation(tokenOf(inv),
                    OwnerCredentials.password("the real kim's password").name("Kim", "Smith"), ADDRESS);

            assertThat(result.auth().user().id()).isEqualTo(squatter.id());
            assertThat(t.storage.accounts().byId(squatter.id()).orElseThrow().isEmailVerified()).isTrue();
            assertThat(t.kit.accounts().login(LogIn.with("kim@family.example", "the real kim's password")).user().id())
                    .isEqualTo(squatter.id());
            refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("kim@family.example", PASSWORD)));
            assertThat(audited()).contains("account.claimed_by_invitation");
            assertThat(roleOf(squatter)).isEqualTo(Role.MEMBER);
        }

        @Test
        void aSignedInAccountAcceptsAndTheLinkVerifiesItsEmail() {
            Actor kim = t.user("kim@family.example");
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.ADMIN);

            JoinResult joined = t.kit.accounts().acceptMemberInvitation(kim, tokenOf(inv), ADDRESS);

            assertThat(joined).isEqualTo(new JoinResult(tenant, "The Smiths", Role.ADMIN, false));
            assertThat(t.storage.accounts().byId(kim.id()).orElseThrow().isEmailVerified()).isTrue();
            assertThat(lastAudit("account.email_verified").details()).containsEntry("via", "member_invitation");
        }

        @Test
        void withVerifiedEmailsRequiredTheLinkCountsAsVerification() {
            TestKit strict = new TestKit(s -> s.requireVerifiedEmail(true));
            strict.kit.accounts().signup(io.invitekit.application.port.in.NewAccount.email("boss@family.example")
                    .password(PASSWORD).name("Bo", "Boss"));
            UserId bossId = strict.storage.accounts().byEmail(EmailAddress.of("boss@family.example")).orElseThrow().id();
            strict.storage.accounts().markEmailVerified(bossId, strict.clock.instant());
            Actor boss = Actor.user(bossId);
            TenantId strictTenant = strict.family(boss, "Strict Family").id();
            strict.kit.accounts().signup(io.invitekit.application.port.in.NewAccount.email("kim@family.example")
                    .password(PASSWORD).name("Kim", "Smith")); // unverified, no session
            MemberInvitationView inv = strict.kit.members().invite(boss, strictTenant,
                    NewMemberInvitation.to("kim@family.example"));
            String token = strict.storage.outbox().all().stream()
                    .filter(m -> inv.id().toString().equals(m.aggregateId())).findFirst().orElseThrow().secret();

            MemberAcceptResult result = strict.kit.accounts().acceptMemberInvitation(token,
                    OwnerCredentials.password("kim's own password").name("Kim", "Smith"), ADDRESS);

            assertThat(strict.kit.accounts().authenticate(result.auth().accessToken())).isPresent();
            assertThat(strict.storage.accounts().byId(result.auth().user().id()).orElseThrow().isEmailVerified()).isTrue();
            assertThat(strict.storage.memberships().find(strictTenant, result.auth().user().id())).isPresent();
        }
    }

    // ------------------------------------------------------------ members

    @Nested
    class Members {
        @Test
        void anyMemberListsTheMembersOldestFirstPageByPage() {
            t.clock.advance(Duration.ofSeconds(1));
            Actor admin = joined(Role.ADMIN);
            t.clock.advance(Duration.ofSeconds(1));
            Actor member = joined(Role.MEMBER);

            Page<MemberView> first = t.kit.members().members(member, tenant, new PageRequest(2, null));
            Page<MemberView> rest = t.kit.members().members(member, tenant, new PageRequest(2, first.nextCursor()));

            assertThat(first.items()).extracting(m -> m.user().id()).containsExactly(owner.id(), admin.id());
            assertThat(first.items()).extracting(MemberView::role).containsExactly(Role.OWNER, Role.ADMIN);
            assertThat(first.items().get(0).user().email()).isEqualTo("olga@family.example");
            assertThat(first.items().get(1).joinedAt()).isEqualTo(START.plusSeconds(1));
            assertThat(rest.items()).extracting(m -> m.user().id()).containsExactly(member.id());
            assertThat(rest.nextCursor()).isNull();
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().members(member, tenant, new PageRequest(2, "bogus")));
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().members(member, tenant, new PageRequest(201, null)));
        }

        @Test
        void aTenantsViewEmbedsFiftyMembersAndTheCursorOfTheRest() {
            for (int i = 0; i < 55; i++) {
                t.storage.memberships().add(new Membership(tenant, new UserId(UUID.randomUUID()), Role.MEMBER,
                        START.plusSeconds(i + 1)), Limit.UNLIMITED);
            }

            TenantView view = t.kit.tenants().get(owner, tenant);
            Page<MemberView> rest = t.kit.members().members(owner, tenant, new PageRequest(200, view.membersNextCursor()));

            assertThat(view.members()).hasSize(TenantView.EMBEDDED_MEMBERS);
            assertThat(view.members().get(0).user().id()).isEqualTo(owner.id());
            assertThat(view.membersNextCursor()).isNotNull();
            assertThat(rest.items()).hasSize(6);
            assertThat(rest.nextCursor()).isNull();
            assertThat(t.kit.tenants().get(owner, t.family(owner, "Small").id()).membersNextCursor()).isNull();
        }

        @Test
        void outsidersAreToldTheTenantDoesNotExist() {
            Actor stranger = t.newUser();
            UserId someone = owner.id();
            refused(ErrorCode.NOT_FOUND, () -> invite(stranger, "kim@family.example", Role.MEMBER));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().invitations(stranger, tenant, InvitationQuery.all()));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().members(stranger, tenant, PageRequest.first()));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().changeRole(stranger, tenant, someone, Role.ADMIN));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().remove(stranger, tenant, someone));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().leave(stranger, tenant));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().transferOwnership(stranger, tenant, someone));
            // A platform admin has no member powers.
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().members(t.admin(), tenant, PageRequest.first()));
        }

        @Test
        void anOwnerChangesRolesAndTheAuditSaysFromWhatToWhat() {
            Actor member = joined(Role.MEMBER);

            MemberView changed = t.kit.members().changeRole(owner, tenant, member.id(), Role.ADMIN);

            assertThat(changed.role()).isEqualTo(Role.ADMIN);
            assertThat(changed.user().id()).isEqualTo(member.id());
            assertThat(roleOf(member)).isEqualTo(Role.ADMIN);
            AuditEvent audit = lastAudit("membership.role_changed");
            assertThat(audit.actor()).isEqualTo(owner.id());
            assertThat(audit.subject()).isEqualTo(member.id().toString());
            assertThat(audit.details()).containsEntry("from", "MEMBER").containsEntry("to", "ADMIN");
            assertThat(t.kit.members().changeRole(owner, tenant, member.id(), Role.MEMBER).role()).isEqualTo(Role.MEMBER);
        }

        @Test
        void anAdminManagesMembersOnly() {
            Actor admin = joined(Role.ADMIN);
            Actor otherAdmin = joined(Role.ADMIN);
            Actor member = joined(Role.MEMBER);

            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().changeRole(admin, tenant, member.id(), Role.ADMIN));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().changeRole(admin, tenant, otherAdmin.id(), Role.MEMBER));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().changeRole(admin, tenant, owner.id(), Role.MEMBER));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().remove(admin, tenant, otherAdmin.id()));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().remove(admin, tenant, owner.id()));
            t.kit.members().remove(admin, tenant, member.id());
            assertThat(roleOf(member)).isNull();
            assertThat(roleOf(otherAdmin)).isEqualTo(Role.ADMIN);
        }

        @Test
        void aMemberManagesNobody() {
            Actor member = joined(Role.MEMBER);
            Actor other = joined(Role.MEMBER);
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().changeRole(member, tenant, other.id(), Role.MEMBER));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().remove(member, tenant, other.id()));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().transferOwnership(member, tenant, other.id()));
        }

        @Test
        void nobodyIsMadeOwnerButByTransfer() {
            Actor member = joined(Role.MEMBER);
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().changeRole(owner, tenant, member.id(), Role.OWNER));
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().changeRole(owner, tenant, member.id(), null));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().changeRole(owner, tenant, t.newUser().id(), Role.ADMIN));
        }

        @Test
        void aRemovedMembersNextCallIsRefused() {
            Actor member = joined(Role.MEMBER);
            t.kit.members().members(member, tenant, PageRequest.first());

            t.kit.members().remove(owner, tenant, member.id());

            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().members(member, tenant, PageRequest.first()));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().get(member, tenant));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().remove(owner, tenant, member.id()));
            AuditEvent audit = lastAudit("membership.removed");
            assertThat(audit.actor()).isEqualTo(owner.id());
            assertThat(audit.subject()).isEqualTo(member.id().toString());
        }

        @Test
        void aMemberLeaves() {
            Actor member = joined(Role.MEMBER);

            t.kit.members().leave(member, tenant);

            assertThat(roleOf(member)).isNull();
            assertThat(lastAudit("membership.left").actor()).isEqualTo(member.id());
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().leave(member, tenant));
        }

        @Test
        void theLastOwnerCanNeitherLeaveNorBeDemotedNorRemoved() {
            Actor admin = joined(Role.ADMIN);
            refused(ErrorCode.LAST_OWNER, () -> t.kit.members().leave(owner, tenant));
            refused(ErrorCode.LAST_OWNER, () -> t.kit.members().changeRole(owner, tenant, owner.id(), Role.ADMIN));
            refused(ErrorCode.LAST_OWNER, () -> t.kit.members().remove(owner, tenant, owner.id()));
            assertThat(roleOf(owner)).isEqualTo(Role.OWNER);

            // With a second owner, the first may go.
            t.kit.members().transferOwnership(owner, tenant, admin.id());
            t.kit.members().changeRole(admin, tenant, owner.id(), Role.MEMBER);
            t.kit.members().leave(owner, tenant);
            assertThat(roleOf(owner)).isNull();
            refused(ErrorCode.LAST_OWNER, () -> t.kit.members().leave(admin, tenant));
        }

        @Test
        void anOwnerRemovesAnotherOwner() {
            Actor second = joined(Role.ADMIN);
            t.kit.members().transferOwnership(owner, tenant, second.id()); // second OWNER, owner ADMIN
            t.storage.memberships().changeRole(tenant, owner.id(), Role.ADMIN, Role.OWNER); // two owners

            t.kit.members().remove(second, tenant, owner.id());

            assertThat(roleOf(owner)).isNull();
            assertThat(roleOf(second)).isEqualTo(Role.OWNER);
            assertThat(lastAudit("membership.removed").details()).containsEntry("role", "OWNER");
        }

        @Test
        void someoneRemovedCannotComeBackThroughAnInvitationTheySentBefore() {
            Actor admin = joined(Role.ADMIN);
            MemberInvitationView backdoor = invite(admin, "admins-other-address@elsewhere.example", Role.MEMBER);
            MemberInvitationView owners = invite(owner, "friend@family.example", Role.MEMBER);
            String backdoorToken = tokenOf(backdoor);

            t.kit.members().remove(owner, tenant, admin.id());

            assertThat(stored(backdoor).status()).isEqualTo(InvitationStatus.CANCELLED);
            assertThat(stored(owners).status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(lastAudit("member_invitation.revoked").details()).containsEntry("reason", "inviter_removed");
            refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.members().preview(backdoorToken, ADDRESS));
        }

        @Test
        void aDemotedInviterKeepsOnlyTheInvitationsTheirNewRoleCouldSend() {
            Actor second = joined(Role.ADMIN);
            t.storage.memberships().changeRole(tenant, second.id(), Role.ADMIN, Role.OWNER); // a second owner
            MemberInvitationView asAdmin = invite(second, "future-admin@family.example", Role.ADMIN);
            MemberInvitationView asMember = invite(second, "future-member@family.example", Role.MEMBER);

            t.kit.members().changeRole(owner, tenant, second.id(), Role.ADMIN);

            assertThat(stored(asAdmin).status()).isEqualTo(InvitationStatus.CANCELLED);
            assertThat(stored(asMember).status()).isEqualTo(InvitationStatus.PENDING);
            assertThat(lastAudit("member_invitation.revoked").details()).containsEntry("reason", "inviter_demoted");
        }

        @Test
        void transferMakesTheNewOwnerAndTheOldOneAdmin() {
            Actor member = joined(Role.MEMBER);

            MemberView newOwner = t.kit.members().transferOwnership(owner, tenant, member.id());

            assertThat(newOwner.user().id()).isEqualTo(member.id());
            assertThat(newOwner.role()).isEqualTo(Role.OWNER);
            assertThat(roleOf(member)).isEqualTo(Role.OWNER);
            assertThat(roleOf(owner)).isEqualTo(Role.ADMIN);
            AuditEvent audit = lastAudit("tenant.ownership_transferred");
            assertThat(audit.actor()).isEqualTo(owner.id());
            assertThat(audit.details()).containsEntry("from", owner.id().toString())
                    .containsEntry("to", member.id().toString());
            AuditEvent demotion = lastAudit("membership.role_changed");
            assertThat(demotion.subject()).isEqualTo(owner.id().toString());
            assertThat(demotion.details()).containsEntry("from", "OWNER").containsEntry("to", "ADMIN");
            // The old owner is an ADMIN now: no second transfer.
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().transferOwnership(owner, tenant, member.id()));
        }

        @Test
        void transferNeedsAnotherMember() {
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.members().transferOwnership(owner, tenant, owner.id()));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.members().transferOwnership(owner, tenant, t.newUser().id()));
            Actor admin = joined(Role.ADMIN);
            refused(ErrorCode.FORBIDDEN, () -> t.kit.members().transferOwnership(admin, tenant, owner.id()));
            assertThat(roleOf(owner)).isEqualTo(Role.OWNER);
        }
    }

    // ------------------------------------------------------------ races

    @Nested
    class Races {
        private static final int THREADS = 32;

        /** Runs {@code task} on {@code threads} threads released together; each outcome is a value or a refusal. */
        private <T> List<Object> race(int threads, IntFunction<T> task) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Object>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        try {
                            return task.apply(index);
                        } catch (DomainException refused) {
                            return refused.code();
                        }
                    }));
                }
                assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> future : futures) {
                    outcomes.add(future.get(60, TimeUnit.SECONDS));
                }
                return outcomes;
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void thirtyTwoAcceptsOfOneInvitationMakeOneMembership() throws Exception {
            Actor kim = t.user("kim@family.example");
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.ADMIN);
            String token = tokenOf(inv);

            List<Object> outcomes = race(THREADS, i -> t.kit.members().accept(
                    VerifiedUser.of(kim.id(), "kim@family.example"), token, "10.0.0." + i));

            assertThat(outcomes).filteredOn(JoinResult.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof JoinResult)).containsOnly(ErrorCode.INVITATION_ACCEPTED);
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(2);
            assertThat(roleOf(kim)).isEqualTo(Role.ADMIN);
            assertThat(audited()).filteredOn("member_invitation.accepted"::equals).hasSize(1);
        }

        @Test
        void thirtyTwoSignUpsThroughOneLinkMakeOneAccountAndOneMembership() throws Exception {
            MemberInvitationView inv = invite(owner, "kim@family.example", Role.MEMBER);
            String token = tokenOf(inv);

            List<Object> outcomes = race(THREADS, i -> t.kit.accounts().acceptMemberInvitation(token,
                    OwnerCredentials.password(PASSWORD).name("Kim", "Smith" + i), "10.0.1." + i));

            assertThat(outcomes).filteredOn(MemberAcceptResult.class::isInstance).hasSize(1);
            assertThat(t.storage.memberships().count(tenant)).isEqualTo(2);
            assertThat(t.storage.accounts().byEmail(EmailAddress.of("kim@family.example"))).isPresent();
        }

        @Test
        void twoOwnersDemotingEachOtherLeaveOneOwner() throws Exception {
            for (int round = 0; round < 20; round++) {
                TestKit kit = new TestKit();
                Actor first = kit.user("first@family.example");
                TenantId shared = kit.family(first, "Twin Owners").id();
                Actor second = kit.user("second@family.example");
                MemberInvitationView inv = kit.kit.members().invite(first, shared,
                        NewMemberInvitation.to("second@family.example").role(Role.ADMIN));
                String token = kit.storage.outbox().all().stream()
                        .filter(m -> inv.id().toString().equals(m.aggregateId())).findFirst().orElseThrow().secret();
                kit.kit.members().accept(VerifiedUser.of(second.id(), "second@family.example"), token, ADDRESS);
                // Ownership moves only by transfer; a second OWNER is made in the store for this race.
                kit.storage.memberships().changeRole(shared, second.id(), Role.ADMIN, Role.OWNER);
                assertThat(kit.storage.memberships().ofTenant(shared)).filteredOn(m -> m.role() == Role.OWNER).hasSize(2);
                Actor[] owners = {first, second};

                List<Object> outcomes = race(2, i -> kit.kit.members().changeRole(owners[i], shared,
                        owners[1 - i].id(), Role.ADMIN));

                assertThat(kit.storage.memberships().ofTenant(shared)).filteredOn(m -> m.role() == Role.OWNER)
                        .hasSize(1);
                assertThat(outcomes).filteredOn(MemberView.class::isInstance).hasSize(1);
            }
        }

        @Test
        void twoOwnersLeavingAtOnceLeaveOneOwner() throws Exception {
            Actor second = joined(Role.ADMIN);
            t.storage.memberships().changeRole(tenant, second.id(), Role.ADMIN, Role.OWNER);

            List<Object> outcomes = race(2, i -> {
                t.kit.members().leave(i == 0 ? owner : second, tenant);
                return "left";
            });

            assertThat(outcomes).containsOnlyOnce("left").contains(ErrorCode.LAST_OWNER);
            assertThat(t.storage.memberships().ofTenant(tenant)).filteredOn(m -> m.role() == Role.OWNER).hasSize(1);
        }
    }
}
