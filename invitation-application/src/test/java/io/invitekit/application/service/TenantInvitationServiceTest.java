package io.invitekit.application.service;

import static io.invitekit.application.TestKit.invitation;
import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubdomainPolicy;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.TierCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantInvitationServiceTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void createsAPendingInvitationWithTheDefaultsAndQueuesItsEmailInTheSameStep() {
        InvitationView created = t.invite(admin, "  Owner@Example.ORG ");

        assertThat(created.email()).isEqualTo("owner@example.org");
        assertThat(created.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(created.subscriptionTier()).isEqualTo("PROFESSIONAL");
        assertThat(created.maxUsers()).isEqualTo(50);
        assertThat(created.maxResources()).isEqualTo(100);
        assertThat(created.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofDays(7)));
        assertThat(created.invitedBy().email()).isEqualTo("root@acme.test");
        assertThat(created.delivery().state()).isEqualTo("QUEUED");
        assertThat(created.permissions()).as("none granted").doesNotContain(PlatformPermission.CAN_ACCEPT_PAYMENTS).isEmpty();
        assertThat(created.featureFlags()).containsEntry("audit_logs", false).hasSize(8);

        List<OutboxMessage> queued = t.storage.outbox().all();
        assertThat(queued).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(TenantInvitationMail.KIND);
            assertThat(m.recipient().value()).isEqualTo("owner@example.org");
            assertThat(m.secret()).hasSize(43);
            assertThat(m.mail()).isInstanceOfSatisfying(TenantInvitationMail.Queued.class, mail -> {
                assertThat(mail.inviterName()).isEqualTo("Platform Admin");
                assertThat(mail.maxUsers()).isEqualTo(50);
                assertThat(mail.expiresInDays()).isEqualTo(7);
                assertThat(mail.expiresAt()).isEqualTo(created.expiresAt());
            });
            // What the outbox keeps has no link: the token in it is kept apart, as the secret.
            assertThat(Arrays.stream(TenantInvitationMail.Queued.class.getRecordComponents()).map(c -> c.getName()))
                    .doesNotContain("link");
        });
        assertThat(t.storage.auditLog().events()).anyMatch(e -> e.action().equals("tenant_invitation.created"));
    }

    @Test
    void keepsTierCustomLimitsPermissionsFlagsAndLifetimeAsAsked() {
        InvitationView created = t.kit.invitations().create(admin, NewTenantInvitation.to("o@example.org").tier("starter")
                .customMaxUsers(12).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS).flag("audit_logs", true).expiresInDays(3)
                .reserveSubdomain("bright"));

        assertThat(created.subscriptionTier()).isEqualTo("STARTER");
        assertThat(created.customMaxUsers()).isEqualTo(12);
        assertThat(created.maxUsers()).isEqualTo(12);
        assertThat(created.maxResources()).isEqualTo(25);
        assertThat(created.permissions()).contains(PlatformPermission.CAN_ACCEPT_PAYMENTS)
                .doesNotContain(PlatformPermission.CAN_WHITE_LABEL);
        assertThat(created.featureFlags()).containsEntry("audit_logs", true);
        assertThat(created.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofDays(3)));
        assertThat(created.reservedSubdomain()).isEqualTo("bright");
    }

    @Test
    void onlyPlatformAdminsInvite() {
        Actor member = t.newUser();
        refused(ErrorCode.FORBIDDEN, () -> t.invite(member, "o@example.org"));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.invite(null, "o@example.org"));
        assertThat(t.storage.outbox().all()).noneMatch(m -> m.kind().equals(TenantInvitationMail.KIND));
    }

    @Test
    void listsEveryInvalidFieldAtOnceAndWritesNothing() {
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().create(admin, NewTenantInvitation.to("not-an-email").businessName("\u202Eevil")
                        .tier("GOLD").customMaxUsers(0).customMaxResources(2_000_000)
                        // Permissions are typed: an unknown one is refused where it is read (an adapter's
                        // wire format), and reported with the rest.
                        .reject("permissions", "unknown permission \"can_fly\"")
                        .flag("teleport", true).expiresInDays(31)));

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder(
                "email", "suggestedBusinessName", "subscriptionTier", "customMaxUsers", "customMaxResources",
                "permissions", "featureFlags", "expiresInDays");
        assertThat(t.storage.outbox().all()).noneMatch(m -> m.kind().equals(TenantInvitationMail.KIND));
    }

    @Test
    void theSettingsRefusalsComeInTheSameErrorAsTheMalformedFields() {
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().create(admin, NewTenantInvitation.to("not-an-email").customMaxUsers(0) // malformed
                        .tier("GOLD").flag("teleport", true).expiresInDays(31).reserveSubdomain("admin")));   // not offered here

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder(
                "email", "customMaxUsers", "subscriptionTier", "featureFlags", "expiresInDays", "reservedSubdomain");
        assertThat(t.storage.outbox().all()).noneMatch(m -> m.kind().equals(TenantInvitationMail.KIND));
        assertThat(t.kit.invitations().list(admin, InvitationQuery.all()).items()).isEmpty();
    }

    @Test
    void whichTiersFlagsLifetimesAndSubdomainsAreRefusedIsTheDeploymentsChoice() {
        Map<SubscriptionTier, Limits> tiers = new LinkedHashMap<>();
        TierCatalog.defaults().tiers().forEach(tier -> tiers.put(tier, TierCatalog.defaults().defaultsOf(tier)));
        tiers.put(new SubscriptionTier("GOLD"), Limits.of(500, 1000));
        List<String> flags = new ArrayList<>(FeatureFlagRegistry.DEFAULT_KEYS);
        flags.add("teleport");
        TestKit custom = new TestKit(s -> s.tierCatalog(new TierCatalog(tiers))
                .featureFlags(new FeatureFlagRegistry(flags))
                .invitationPolicy(new InvitationPolicy(7, 60, 5, Duration.ofSeconds(60)))
                .subdomainPolicy(new SubdomainPolicy(Set.of("bakery"))));
        Actor root = custom.admin();

        InvitationView created = custom.kit.invitations().create(root, NewTenantInvitation.to("o@example.org")
                .tier("GOLD").flag("teleport", true).expiresInDays(31).reserveSubdomain("admin"));

        assertThat(created.subscriptionTier()).isEqualTo("GOLD");
        assertThat(created.maxUsers()).isEqualTo(500);
        assertThat(created.featureFlags()).containsEntry("teleport", true);
        assertThat(created.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofDays(31)));
        assertThat(created.reservedSubdomain()).isEqualTo("admin");
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                custom.kit.invitations().create(root, NewTenantInvitation.to("p@example.org").tier("PLATINUM")
                        .flag("calendars_v2", true).expiresInDays(61).reserveSubdomain("bakery")));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder(
                "subscriptionTier", "featureFlags", "expiresInDays", "reservedSubdomain");
    }

    @Test
    void aNonAdminIsForbiddenBeforeAnyFieldIsLookedAt() {
        Actor member = t.newUser();
        NewTenantInvitation.Builder malformed = NewTenantInvitation.to("not-an-email").tier("GOLD").expiresInDays(0)
                .reserveSubdomain("admin");
        InvitationQuery.Builder badQuery = InvitationQuery.all().status("SLEEPING").email("x").page(new PageRequest(0, "%%%"));

        refused(ErrorCode.FORBIDDEN, () -> t.kit.invitations().create(member, malformed));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.invitations().list(member, badQuery));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.invitations().create(null, malformed));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.invitations().list(null, badQuery));

        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.invitations().create(admin, malformed));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.invitations().list(admin, badQuery));
        assertThat(t.storage.outbox().all()).noneMatch(m -> m.kind().equals(TenantInvitationMail.KIND));
    }

    @Test
    void aMissingEmailIsAFieldError() {
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> t.invite(admin, " "));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("email");
    }

    @Test
    void refusesAReservedOrMalformedSubdomainAsInvalidSubdomain() {
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.invitations().create(admin, withSubdomain("admin")));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.invitations().create(admin, withSubdomain("-bad-")));
    }

    @Test
    void refusesASubdomainAnotherPendingInvitationReservedAndOffersFreeOnes() {
        t.kit.invitations().create(admin, withSubdomain("bright"));
        SubdomainTakenException taken = (SubdomainTakenException) refused(ErrorCode.SUBDOMAIN_TAKEN, () ->
                t.kit.invitations().create(admin, NewTenantInvitation.to("other@example.org").reserveSubdomain("bright")));
        assertThat(taken.suggestions()).extracting(Object::toString).containsExactly("bright-2", "bright-3", "bright-4");
    }

    @Test
    void allowsOnePendingInvitationPerEmailWhateverItsCase() {
        t.invite(admin, "owner@example.org");
        refused(ErrorCode.INVITATION_PENDING_EXISTS, () -> t.invite(admin, "OWNER@example.org"));
        assertThat(t.storage.outbox().all()).hasSize(1);
    }

    @Test
    void anExpiredInvitationNoLongerBlocksANewOneForTheSameEmail() {
        InvitationView old = t.invite(admin, "owner@example.org");
        t.clock.advance(Duration.ofDays(7));

        InvitationView fresh = t.invite(admin, "owner@example.org");

        assertThat(fresh.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(t.kit.invitations().get(admin, old.id()).status()).isEqualTo(InvitationStatus.EXPIRED);
    }

    @Test
    void anInvitationForAnotherEmailCanStillReserveTheSubdomainOfAnExpiredOne() {
        t.kit.invitations().create(admin, withSubdomain("bright"));
        t.clock.advance(Duration.ofDays(8));
        InvitationView second = t.kit.invitations().create(admin, NewTenantInvitation.to("b@example.org").reserveSubdomain("bright"));
        assertThat(second.reservedSubdomain()).isEqualTo("bright");
    }

    @Test
    void listsNewestFirstAcrossPages() {
        for (int i = 0; i < 5; i++) {
            t.invite(admin, "o" + i + "@example.org");
        }
        Page<InvitationView> first = t.kit.invitations().list(admin, InvitationQuery.all().page(new PageRequest(2, null)));
        Page<InvitationView> second = t.kit.invitations().list(admin,
                InvitationQuery.all().page(new PageRequest(2, first.nextCursor())));
        Page<InvitationView> last = t.kit.invitations().list(admin,
                InvitationQuery.all().page(new PageRequest(2, second.nextCursor())));

        assertThat(first.items()).extracting(InvitationView::email).containsExactly("o4@example.org", "o3@example.org");
        assertThat(second.items()).extracting(InvitationView::email).containsExactly("o2@example.org", "o1@example.org");
        assertThat(last.items()).extracting(InvitationView::email).containsExactly("o0@example.org");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void filtersByTheStatusAsOfNowAndByEmailIgnoringCase() {
        t.invite(admin, "old@example.org");
        t.clock.advance(Duration.ofDays(7));
        t.invite(admin, "new@example.org");

        assertThat(list("expired", null)).extracting(InvitationView::email).containsExactly("old@example.org");
        assertThat(list("PENDING", null)).extracting(InvitationView::email).containsExactly("new@example.org");
        assertThat(list(null, "NEW@Example.org")).extracting(InvitationView::email).containsExactly("new@example.org");
    }

    @Test
    void refusesABadListQuery() {
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.invitations().list(admin, InvitationQuery.all().status("SLEEPING").email("x")
                        .page(new PageRequest(201, "%%%"))));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("status", "email", "limit", "cursor");
        refused(ErrorCode.FORBIDDEN, () -> t.kit.invitations().list(t.newUser(), InvitationQuery.all()));
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        InvitationId unknown = new InvitationId(UUID.fromString("0190a8e2-0000-7000-8000-000000000000"));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.invitations().get(admin, unknown));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.invitations().cancel(admin, unknown));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.invitations().resend(admin, unknown));
        assertThat(InvitationId.parse("nope")).as("a malformed id never becomes an InvitationId").isEmpty();
    }

    @Test
    void resendIssuesANewTokenAfterTheCooldownAndTheOldOneStopsWorking() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        String oldToken = t.tokenOf(inv);

        RetryLaterException tooSoon = (RetryLaterException) refused(ErrorCode.RESEND_TOO_SOON,
                () -> t.kit.invitations().resend(admin, inv.id()));
        assertThat(tooSoon.retryAfterSeconds()).isEqualTo(60);

        t.clock.advance(Duration.ofSeconds(60));
        InvitationView resent = t.kit.invitations().resend(admin, inv.id());

        assertThat(resent.resendCount()).isEqualTo(1);
        assertThat(resent.expiresAt()).isEqualTo(TestKit.START.plusSeconds(60).plus(Duration.ofDays(7)));
        assertThat(t.tokenOf(resent)).isNotEqualTo(oldToken);
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview(oldToken));
        assertThat(t.kit.acceptance().preview(t.tokenOf(resent)).email()).isEqualTo("owner@example.org");
        assertThat(t.storage.outbox().all()).hasSize(2);
    }

    @Test
    void resendsAtMostFiveTimes() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        for (int i = 0; i < 5; i++) {
            t.clock.advance(Duration.ofMinutes(1));
            t.kit.invitations().resend(admin, inv.id());
        }
        t.clock.advance(Duration.ofMinutes(1));
        refused(ErrorCode.RESEND_LIMIT_REACHED, () -> t.kit.invitations().resend(admin, inv.id()));
    }

    @Test
    void resendRevivesAnExpiredInvitationButNotACancelledOne() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.clock.advance(Duration.ofDays(8));
        assertThat(t.kit.invitations().resend(admin, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);

        InvitationView other = t.invite(admin, "other@example.org");
        t.kit.invitations().cancel(admin, other.id());
        t.clock.advance(Duration.ofMinutes(2));
        refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.invitations().resend(admin, other.id()));
    }

    @Test
    void cancelEndsTheInvitationFreesItsSubdomainAndIsFinal() {
        InvitationView inv = t.kit.invitations().create(admin, withSubdomain("bright"));
        String token = t.tokenOf(inv);

        InvitationView cancelled = t.kit.invitations().cancel(admin, inv.id());

        assertThat(cancelled.status()).isEqualTo(InvitationStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(TestKit.START);
        assertThat(t.kit.subdomains().check("bright").available()).isTrue();
        refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.acceptance().preview(token));
        refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.invitations().cancel(admin, inv.id()));
    }

    @Test
    void showsTheDeliveryOfTheLatestEmail() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.mail.setDown(true);
        t.kit.delivery().relayOnce();

        InvitationView seen = t.kit.invitations().get(admin, inv.id());
        assertThat(seen.delivery().state()).isEqualTo("RETRYING");
        assertThat(seen.delivery().attempts()).isEqualTo(1);
        assertThat(seen.delivery().lastError()).contains("unavailable");
    }

    @Test
    void aPlatformNameThatWouldBreakEmailHeadersIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestKit(s -> s.platformName("Acme\r\nBcc: x@y.z")))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestKit(s -> s.platformName(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static NewTenantInvitation.Builder withSubdomain(String subdomain) {
        return NewTenantInvitation.to("owner@example.org").reserveSubdomain(subdomain);
    }

    private List<InvitationView> list(String status, String email) {
        return t.kit.invitations().list(admin, InvitationQuery.all().status(status).email(email)).items();
    }
}
