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
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import java.time.Duration;
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
    void aDisabledCodeStopsWorkingAndViewingMakesANewOne() {
        String old = t.kit.joinCodes().view(owner, tenant).code();
        t.kit.joinCodes().disable(owner, tenant);

        refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(new JoinCommand(t.newUser(), old, null)));
        assertThat(t.kit.joinCodes().view(owner, tenant).code()).isNotEqualTo(old);
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
