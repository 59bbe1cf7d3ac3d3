package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.JoinCodeUseCase.JoinCommand;
import io.invitekit.application.port.in.JoinCodeUseCase.RotateCommand;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.tenant.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinCodeServiceTest {
    private final TestKit t = new TestKit();
    private final UserId owner = t.newUser();
    private final TenantView family = t.family(owner, "The Smiths");
    private final String tenant = family.id().toString();

    @Test
    void theFirstViewGeneratesACodeAndLaterViewsShowTheSameOne() {
        JoinCodeView first = t.kit.joinCodes().view(owner, tenant);
        JoinCodeView again = t.kit.joinCodes().view(owner, tenant);

        assertThat(first.code()).hasSize(8).matches("[0-9A-HJKMNP-TV-Z]{8}");
        assertThat(first.display()).isEqualTo(first.code().substring(0, 4) + "-" + first.code().substring(4));
        assertThat(again).isEqualTo(first);
        assertThat(first.uses()).isZero();
        assertThat(first.maxUses()).isNull();
    }

    @Test
    void outsidersCannotSeeTheCodeOrTellTheTenantExists() {
        UserId stranger = t.newUser();
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger, "0190a8e2-0000-7000-8000-000000000000"));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().rotate(new RotateCommand(stranger, tenant, null, null)));
    }

    @Test
    void joinsAsMemberWhateverTheFormattingOfTheCode() {
        String display = t.kit.joinCodes().view(owner, tenant).display();
        String typed = " " + display.toLowerCase().replace("-", " \u2013 ").replace('0', 'o').replace('1', 'l') + " ";
        UserId joiner = t.newUser();

        JoinResult joined = t.kit.joinCodes().join(new JoinCommand(joiner, typed, "192.0.2.1"));

        assertThat(joined.tenantId()).isEqualTo(family.id());
        assertThat(joined.tenantName()).isEqualTo("The Smiths");
        assertThat(joined.role()).isEqualTo(Role.MEMBER);
        assertThat(joined.alreadyMember()).isFalse();
        assertThat(t.kit.accounts().me(joiner).memberships()).extracting(m -> m.tenantId()).containsExactly(family.id());
        assertThat(t.kit.joinCodes().view(owner, tenant).uses()).isEqualTo(1);
    }

    @Test
    void joiningTwiceIsIdempotentAndUsesTheCodeOnce() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        UserId joiner = t.newUser();
        t.kit.joinCodes().join(new JoinCommand(joiner, code, null));

        JoinResult again = t.kit.joinCodes().join(new JoinCommand(joiner, code, null));
        JoinResult ownerJoins = t.kit.joinCodes().join(new JoinCommand(owner, code, null));

        assertThat(again.alreadyMember()).isTrue();
        assertThat(ownerJoins.alreadyMember()).isTrue();
        assertThat(ownerJoins.role()).isEqualTo(Role.OWNER);
        assertThat(t.kit.joinCodes().view(owner, tenant).uses()).isEqualTo(1);
    }

    @Test
    void malformedCodesAreToldApartFromWrongOnes() {
        UserId joiner = t.newUser();
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(new JoinCommand(joiner, "UUUU-UUUU", null)));
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(new JoinCommand(joiner, "ABC", null)));
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(new JoinCommand(joiner, "ABCD-EFGH-J", null)));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes().join(new JoinCommand(joiner, "  ", null)));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(joiner, "ZZZZ-ZZZZ", null)));
    }

    @Test
    void rotatingKillsTheOldCodeAtOnceAndOnlyOwnersAndAdminsMayRotate() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        UserId member = t.newUser();
        t.kit.joinCodes().join(new JoinCommand(member, old, null));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().rotate(new RotateCommand(member, tenant, null, null)));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));

        JoinCodeView fresh = t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, 48, 3));

        assertThat(fresh.code()).isNotEqualTo(old);
        assertThat(fresh.maxUses()).isEqualTo(3);
        assertThat(fresh.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofHours(48)));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), old, null)));
        assertThat(t.kit.joinCodes().join(new JoinCommand(t.newUser(), fresh.code(), null)).alreadyMember()).isFalse();
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(fresh.code());
    }

    @Test
    void refusesOutOfRangeRotationLimits() {
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, 0, null)));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, null, -1)));
    }

    @Test
    void aDisabledCodeStopsWorkingAndViewingNeverMakesANewOne() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.joinCodes().disable(owner, tenant);

        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), old, null)));
        assertThat(t.kit.joinCodes().view(owner, tenant)).isEqualTo(JoinCodeView.off());
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
    }

    // ---- turned off means off, for every role ----------------------------------------------

    private UserId member() {
        UserId member = t.newUser();
        t.storage.memberships().add(new Membership(family.id(), member, Role.MEMBER, TestKit.START), Limit.UNLIMITED);
        return member;
    }

    private UserId tenantAdmin() {
        UserId admin = t.newUser();
        t.storage.memberships().add(new Membership(family.id(), admin, Role.ADMIN, TestKit.START), Limit.UNLIMITED);
        return admin;
    }

    @Test
    void whileTurnedOffNoRoleGeneratesACodeByViewing() {
        UserId member = member();
        UserId admin = tenantAdmin();
        t.kit.joinCodes().view(owner, tenant);
        t.kit.joinCodes().disable(owner, tenant);

        for (UserId viewer : List.of(member, admin, owner, member)) {
            JoinCodeView seen = t.kit.joinCodes().view(viewer, tenant);
            assertThat(seen.enabled()).isFalse();
            assertThat(seen.code()).isNull();
            assertThat(seen.display()).isNull();
        }
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
        assertThat(t.storage.joinCodes().joiningOn(family.id())).isFalse();
    }

    @Test
    void turningOffBeforeAnyCodeWasShownKeepsItOffToo() {
        t.kit.joinCodes().disable(owner, tenant);

        assertThat(t.kit.joinCodes().view(member(), tenant)).isEqualTo(JoinCodeView.off());
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
    }

    @Test
    void anOwnerTurnsItOffAndOnAgainByRotating() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.joinCodes().disable(owner, tenant);
        t.kit.joinCodes().disable(owner, tenant); // idempotent

        JoinCodeView on = t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, null, null));

        assertThat(on.enabled()).isTrue();
        assertThat(on.code()).isNotEqualTo(old).hasSize(8);
        UserId member = member();
        assertThat(t.kit.joinCodes().view(member, tenant)).isEqualTo(on);
        assertThat(t.kit.joinCodes().join(new JoinCommand(t.newUser(), on.code(), null)).alreadyMember()).isFalse();
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), old, null)));
    }

    @Test
    void aTenantAdminTurnsItOffAndOnAgainToo() {
        UserId admin = tenantAdmin();
        String old = t.kit.joinCodes().view(admin, tenant).code();

        t.kit.joinCodes().disable(admin, tenant);
        assertThat(t.kit.joinCodes().view(owner, tenant).enabled()).isFalse();
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), old, null)));

        JoinCodeView on = t.kit.joinCodes().rotate(new RotateCommand(admin, tenant, 24, 5));
        assertThat(on.enabled()).isTrue();
        assertThat(on.maxUses()).isEqualTo(5);
        assertThat(t.kit.joinCodes().view(owner, tenant)).isEqualTo(on);
    }

    @Test
    void aMemberCanNeitherTurnItOffNorOn() {
        UserId member = member();
        String code = t.kit.joinCodes().view(member, tenant).code();

        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(code);

        t.kit.joinCodes().disable(owner, tenant);
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().rotate(new RotateCommand(member, tenant, null, null)));
        assertThat(t.kit.joinCodes().view(member, tenant).enabled()).isFalse();
    }

    @Test
    void outsidersLearnNothingWhetherItIsOnOrOff() {
        UserId stranger = t.newUser();
        t.kit.joinCodes().disable(owner, tenant);

        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().disable(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().rotate(new RotateCommand(stranger, tenant, null, null)));
        assertThat(t.storage.joinCodes().joiningOn(family.id())).isFalse();
    }

    @Test
    void aDeactivatedTenantShowsNoCodeToAnyRoleAndItsCodeCannotBeManaged() {
        UserId platformAdmin = t.admin();
        UserId member = member();
        UserId admin = tenantAdmin();
        String code = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.tenants().setActive(platformAdmin, tenant, false);

        for (UserId viewer : List.of(owner, admin, member)) {
            refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().view(viewer, tenant));
        }
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().disable(owner, tenant));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().rotate(new RotateCommand(admin, tenant, null, null)));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(t.newUser(), tenant));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, null)));

        t.kit.tenants().setActive(platformAdmin, tenant, true);
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(code);
    }

    @Test
    void aTenantTurnedOffStaysOffThroughDeactivationAndReactivation() {
        UserId platformAdmin = t.admin();
        t.kit.joinCodes().disable(owner, tenant);
        t.kit.tenants().setActive(platformAdmin, tenant, false);
        t.kit.tenants().setActive(platformAdmin, tenant, true);

        assertThat(t.kit.joinCodes().view(owner, tenant).enabled()).isFalse();
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
    }

    @Test
    void expiredAndUsedUpCodesAnswerLikeUnknownOnes() {
        String expiring = t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, 1, null)).code();
        t.clock.advance(Duration.ofHours(1));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), expiring, null)));

        String once = t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, null, 1)).code();
        t.kit.joinCodes().join(new JoinCommand(t.newUser(), once, null));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), once, null)));
    }

    @Test
    void aFullTenantRefusesJoins() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        for (int i = 0; i < 5; i++) { // FREE allows 6 users, the owner included
            t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, null));
        }
        refused(ErrorCode.TENANT_FULL, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, null)));
        assertThat(t.kit.joinCodes().view(owner, tenant).uses()).isEqualTo(5);
    }

    @Test
    void anInactiveTenantRefusesJoinsAndRotation() {
        UserId admin = t.admin();
        String code = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.tenants().setActive(admin, tenant, false);

        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, null)));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().rotate(new RotateCommand(owner, tenant, null, null)));
    }

    @Test
    void afterTenWrongCodesAnAccountIsRefusedEvenWithTheRightOne() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        UserId guesser = t.newUser();
        for (int i = 0; i < 10; i++) {
            refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(guesser, "ZZZZ-ZZZZ", null)));
        }

        RetryLaterException limited = (RetryLaterException) refused(ErrorCode.RATE_LIMITED,
                () -> t.kit.joinCodes().join(new JoinCommand(guesser, code, null)));
        assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).dividedBy(10));

        t.clock.advance(limited.retryAfter());
        assertThat(t.kit.joinCodes().join(new JoinCommand(guesser, code, null)).alreadyMember()).isFalse();
    }

    @Test
    void successfulAndMalformedJoinsDoNotUseUpTheAllowance() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        UserId user = t.newUser();
        for (int i = 0; i < 20; i++) {
            t.kit.joinCodes().join(new JoinCommand(user, code, "192.0.2.9"));
            refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(new JoinCommand(user, "!!", "192.0.2.9")));
        }
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(user, "ZZZZ-ZZZZ", "192.0.2.9")));
    }

    @Test
    void anAddressIsLimitedAcrossAccounts() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        for (int i = 0; i < 30; i++) {
            UserId someone = t.newUser();
            refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(someone, "ZZZZ-ZZZZ", "203.0.113.7")));
        }
        refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, "203.0.113.7")));
        assertThat(t.kit.joinCodes().join(new JoinCommand(t.newUser(), code, "203.0.113.8")).alreadyMember()).isFalse();
    }

    @Test
    void joiningNeedsASignedInUser() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.joinCodes().join(new JoinCommand(null, code, null)));
    }
}
