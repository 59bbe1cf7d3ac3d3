package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JoinCodeServiceTest {
    private final TestKit t = new TestKit();
    private final Actor owner = t.newUser();
    private final TenantView family = t.family(owner, "The Smiths");
    private final TenantId tenant = family.id();

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
        Actor stranger = t.newUser();
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger,
                new TenantId(UUID.fromString("0190a8e2-0000-7000-8000-000000000000"))));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().rotate(stranger, tenant, CodeRotation.unlimited()));
    }

    @Test
    void joinsAsMemberWhateverTheFormattingOfTheCode() {
        String display = t.kit.joinCodes().view(owner, tenant).display();
        String typed = " " + display.toLowerCase().replace("-", " \u2013 ").replace('0', 'o').replace('1', 'l') + " ";
        Actor joiner = t.newUser();

        JoinResult joined = t.kit.joinCodes().join(joiner, JoinWithCode.code(typed).from("192.0.2.1"));

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
        Actor joiner = t.newUser();
        t.kit.joinCodes().join(joiner, JoinWithCode.code(code));

        JoinResult again = t.kit.joinCodes().join(joiner, JoinWithCode.code(code));
        JoinResult ownerJoins = t.kit.joinCodes().join(owner, JoinWithCode.code(code));

        assertThat(again.alreadyMember()).isTrue();
        assertThat(ownerJoins.alreadyMember()).isTrue();
        assertThat(ownerJoins.role()).isEqualTo(Role.OWNER);
        assertThat(t.kit.joinCodes().view(owner, tenant).uses()).isEqualTo(1);
    }

    @Test
    void malformedCodesAreToldApartFromWrongOnes() {
        Actor joiner = t.newUser();
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("UUUU-UUUU")));
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("ABC")));
        refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("ABCD-EFGH-J")));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("  ")));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("ZZZZ-ZZZZ")));
    }

    @Test
    void rotatingKillsTheOldCodeAtOnceAndOnlyOwnersAndAdminsMayRotate() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        Actor member = t.newUser();
        t.kit.joinCodes().join(member, JoinWithCode.code(old));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().rotate(member, tenant, CodeRotation.unlimited()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));

        JoinCodeView fresh = t.kit.joinCodes().rotate(owner, tenant, CodeRotation.limits().validForHours(48).maxUses(3));

        assertThat(fresh.code()).isNotEqualTo(old);
        assertThat(fresh.maxUses()).isEqualTo(3);
        assertThat(fresh.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofHours(48)));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(old)));
        assertThat(t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(fresh.code())).alreadyMember()).isFalse();
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(fresh.code());
    }

    @Test
    void refusesOutOfRangeRotationLimits() {
        refused(ErrorCode.VALIDATION_FAILED,
                () -> t.kit.joinCodes().rotate(owner, tenant, CodeRotation.limits().validForHours(0)));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes().rotate(owner, tenant, CodeRotation.limits().maxUses(-1)));
        ValidationException both = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.joinCodes()
                .rotate(owner, tenant, CodeRotation.limits().validForHours(CodeRotation.MAX_VALID_HOURS + 1).maxUses(0)));
        assertThat(both.errors()).extracting(ValidationException.FieldError::field).containsExactly("validForHours", "maxUses");
    }

    @Test
    void aDisabledCodeStopsWorkingAndViewingNeverMakesANewOne() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.joinCodes().disable(owner, tenant);

        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(old)));
        assertThat(t.kit.joinCodes().view(owner, tenant)).isEqualTo(JoinCodeView.off());
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
    }

    // ---- turned off means off, for every role ----------------------------------------------

    private Actor member() {
        Actor member = t.newUser();
        t.storage.memberships().add(new Membership(family.id(), member.id(), Role.MEMBER, TestKit.START), Limit.UNLIMITED);
        return member;
    }

    private Actor tenantAdmin() {
        Actor admin = t.newUser();
        t.storage.memberships().add(new Membership(family.id(), admin.id(), Role.ADMIN, TestKit.START), Limit.UNLIMITED);
        return admin;
    }

    @Test
    void whileTurnedOffNoRoleGeneratesACodeByViewing() {
        Actor member = member();
        Actor admin = tenantAdmin();
        t.kit.joinCodes().view(owner, tenant);
        t.kit.joinCodes().disable(owner, tenant);

        for (Actor viewer : List.of(member, admin, owner, member)) {
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

        JoinCodeView on = t.kit.joinCodes().rotate(owner, tenant, CodeRotation.unlimited());

        assertThat(on.enabled()).isTrue();
        assertThat(on.code()).isNotEqualTo(old).hasSize(8);
        Actor member = member();
        assertThat(t.kit.joinCodes().view(member, tenant)).isEqualTo(on);
        assertThat(t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(on.code())).alreadyMember()).isFalse();
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(old)));
    }

    @Test
    void aTenantAdminTurnsItOffAndOnAgainToo() {
        Actor admin = tenantAdmin();
        String old = t.kit.joinCodes().view(admin, tenant).code();

        t.kit.joinCodes().disable(admin, tenant);
        assertThat(t.kit.joinCodes().view(owner, tenant).enabled()).isFalse();
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(old)));

        JoinCodeView on = t.kit.joinCodes().rotate(admin, tenant, CodeRotation.limits().validForHours(24).maxUses(5));
        assertThat(on.enabled()).isTrue();
        assertThat(on.maxUses()).isEqualTo(5);
        assertThat(t.kit.joinCodes().view(owner, tenant)).isEqualTo(on);
    }

    @Test
    void aMemberCanNeitherTurnItOffNorOn() {
        Actor member = member();
        String code = t.kit.joinCodes().view(member, tenant).code();

        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(code);

        t.kit.joinCodes().disable(owner, tenant);
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().rotate(member, tenant, CodeRotation.unlimited()));
        assertThat(t.kit.joinCodes().view(member, tenant).enabled()).isFalse();
    }

    @Test
    void outsidersLearnNothingWhetherItIsOnOrOff() {
        Actor stranger = t.newUser();
        t.kit.joinCodes().disable(owner, tenant);

        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().disable(stranger, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().rotate(stranger, tenant, CodeRotation.unlimited()));
        assertThat(t.storage.joinCodes().joiningOn(family.id())).isFalse();
    }

    @Test
    void aDeactivatedTenantShowsNoCodeToAnyRoleAndItsCodeCannotBeManaged() {
        Actor platformAdmin = t.admin();
        Actor member = member();
        Actor admin = tenantAdmin();
        String code = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.tenants().setActive(platformAdmin, tenant, false);

        for (Actor viewer : List.of(owner, admin, member)) {
            refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().view(viewer, tenant));
        }
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().disable(owner, tenant));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().rotate(admin, tenant, CodeRotation.unlimited()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.joinCodes().disable(member, tenant));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.joinCodes().view(t.newUser(), tenant));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));

        t.kit.tenants().setActive(platformAdmin, tenant, true);
        assertThat(t.kit.joinCodes().view(member, tenant).code()).isEqualTo(code);
    }

    @Test
    void aTenantTurnedOffStaysOffThroughDeactivationAndReactivation() {
        Actor platformAdmin = t.admin();
        t.kit.joinCodes().disable(owner, tenant);
        t.kit.tenants().setActive(platformAdmin, tenant, false);
        t.kit.tenants().setActive(platformAdmin, tenant, true);

        assertThat(t.kit.joinCodes().view(owner, tenant).enabled()).isFalse();
        assertThat(t.storage.joinCodes().activeFor(family.id())).isEmpty();
    }

    @Test
    void expiredAndUsedUpCodesAnswerLikeUnknownOnes() {
        String expiring = t.kit.joinCodes().rotate(owner, tenant, CodeRotation.limits().validForHours(1)).code();
        t.clock.advance(Duration.ofHours(1));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(expiring)));

        String once = t.kit.joinCodes().rotate(owner, tenant, CodeRotation.limits().maxUses(1)).code();
        t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(once));
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(once)));
    }

    @Test
    void aFullTenantRefusesJoins() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        for (int i = 0; i < 5; i++) { // FREE allows 6 users, the owner included
            t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code));
        }
        refused(ErrorCode.TENANT_FULL, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));
        assertThat(t.kit.joinCodes().view(owner, tenant).uses()).isEqualTo(5);
    }

    @Test
    void anInactiveTenantRefusesJoinsAndRotation() {
        Actor admin = t.admin();
        String code = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.tenants().setActive(admin, tenant, false);

        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));
        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().rotate(owner, tenant, CodeRotation.unlimited()));
    }

    @Test
    void afterTenWrongCodesAnAccountIsRefusedEvenWithTheRightOne() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        Actor guesser = t.newUser();
        for (int i = 0; i < 10; i++) {
            refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code("ZZZZ-ZZZZ")));
        }

        RetryLaterException limited = (RetryLaterException) refused(ErrorCode.RATE_LIMITED,
                () -> t.kit.joinCodes().join(guesser, JoinWithCode.code(code)));
        assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).dividedBy(10));

        t.clock.advance(limited.retryAfter());
        assertThat(t.kit.joinCodes().join(guesser, JoinWithCode.code(code)).alreadyMember()).isFalse();
    }

    @Test
    void successfulAndMalformedJoinsDoNotUseUpTheAllowance() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        Actor user = t.newUser();
        for (int i = 0; i < 20; i++) {
            t.kit.joinCodes().join(user, JoinWithCode.code(code).from("192.0.2.9"));
            refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(user, JoinWithCode.code("!!").from("192.0.2.9")));
        }
        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(user, JoinWithCode.code("ZZZZ-ZZZZ").from("192.0.2.9")));
    }

    @Test
    void anAddressIsLimitedAcrossAccounts() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        for (int i = 0; i < 30; i++) {
            Actor someone = t.newUser();
            refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(someone, JoinWithCode.code("ZZZZ-ZZZZ").from("203.0.113.7")));
        }
        refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code).from("203.0.113.7")));
        assertThat(t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code).from("203.0.113.8")).alreadyMember()).isFalse();
    }

    @Test
    void joiningNeedsASignedInUser() {
        String code = t.kit.joinCodes().view(owner, tenant).code();
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.joinCodes().join(null, JoinWithCode.code(code)));
    }
}
