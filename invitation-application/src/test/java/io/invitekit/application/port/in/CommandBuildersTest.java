package io.invitekit.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.CustomLimits;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The command builders check every field they can check alone and list every refusal at once,
 * under the core's camelCase field names. What depends on a deployment's settings (which tiers
 * and flags exist, lifetime bounds, reserved names) is the use case's to check.
 */
class CommandBuildersTest {

    @Test
    void aTenantInvitationListsEveryMalformedFieldAtOnce() {
        ValidationException refusal = refusal(() -> NewTenantInvitation.to("not-an-email").businessName("\u202Eevil")
                .tier("no tiers here!").customMaxUsers(0).customMaxResources(CustomLimits.MAX + 1)
                .reserveSubdomain("-bad-").build());

        assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder(
                "email", "suggestedBusinessName", "subscriptionTier", "customMaxUsers", "customMaxResources",
                "reservedSubdomain");
    }

    @Test
    void aMissingEmailIsRequiredAndAnAdaptersRefusalsAreListedWithTheRest() {
        ValidationException refusal = refusal(() -> NewTenantInvitation.to(" ")
                .reject("permissions", "unknown permission \"can_fly\"").build());

        assertThat(refusal.errors()).containsExactly(new ValidationException.FieldError("email", "is required"),
                new ValidationException.FieldError("permissions", "unknown permission \"can_fly\""));
    }

    @Test
    void aMalformedSubdomainAloneKeepsItsOwnCode() {
        ValidationException refusal = refusal(() -> NewTenantInvitation.to("o@example.org").reserveSubdomain("-bad-").build());

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_SUBDOMAIN);
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("reservedSubdomain");
    }

    @Test
    void aTenantInvitationIsBuiltFromTypedValuesAndLeavesTheRestToTheDeployment() {
        NewTenantInvitation built = NewTenantInvitation.to(" Owner@Example.ORG ").businessName(" Bright Bakery ")
                .tier("starter").grant(PlatformPermission.CAN_ACCEPT_PAYMENTS, PlatformPermission.CAN_API_ACCESS)
                .flag("no_such_flag", true).expiresInDays(365).reserveSubdomain("Bright").customMaxUsers(12).build();

        assertThat(built.email()).isEqualTo(EmailAddress.of("owner@example.org"));
        assertThat(built.suggestedBusinessName().value()).isEqualTo("Bright Bakery");
        assertThat(built.tier()).isEqualTo(SubscriptionTier.STARTER);
        assertThat(built.permissions()).containsExactlyInAnyOrder(PlatformPermission.CAN_ACCEPT_PAYMENTS,
                PlatformPermission.CAN_API_ACCESS);
        assertThat(built.featureFlags()).as("whether a flag exists is the deployment's to say")
                .containsExactly(Map.entry("no_such_flag", true));
        assertThat(built.expiresInDays()).as("the lifetime's bounds are the deployment's").isEqualTo(365);
        assertThat(built.reservedSubdomain().value()).isEqualTo("bright");
        assertThat(built.customLimits()).isEqualTo(new CustomLimits(12, null));

        NewTenantInvitation defaults = NewTenantInvitation.to("o@example.org").build();
        assertThat(defaults.tier()).isNull();
        assertThat(defaults.suggestedBusinessName()).isNull();
        assertThat(defaults.permissions()).isEmpty();
        assertThat(defaults.featureFlags()).isEmpty();
        assertThat(defaults.expiresInDays()).isNull();
        assertThat(defaults.reservedSubdomain()).isNull();
        assertThat(defaults.customLimits()).isEqualTo(CustomLimits.NONE);
    }

    @Test
    void aBuiltTenantInvitationComesBackThroughItsBuilderUnchanged() {
        NewTenantInvitation built = NewTenantInvitation.to("o@example.org").businessName("Bright").tier(SubscriptionTier.FREE)
                .grant(PlatformPermission.CAN_WHITE_LABEL).flag("calendars", true).expiresInDays(3)
                .reserveSubdomain("bright").customMaxUsers(4).customMaxResources(8).build();

        NewTenantInvitation again = built.toBuilder().build();

        assertThat(again).usingRecursiveComparison().isEqualTo(built);
    }

    @Test
    void theGrantedPermissionsCannotBeChangedAfterwards() {
        NewTenantInvitation.Builder builder = NewTenantInvitation.to("o@example.org").grant(PlatformPermission.CAN_API_ACCESS);
        NewTenantInvitation built = builder.build();
        builder.grant(PlatformPermission.CAN_WHITE_LABEL);

        assertThat(built.permissions()).containsExactly(PlatformPermission.CAN_API_ACCESS).isUnmodifiable();
        assertThat(builder.permissions(Set.of()).build().permissions()).isEmpty();
    }

    @Test
    void anAcceptanceListsEveryMalformedField() {
        ValidationException refusal = refusal(() -> AcceptInvitation.token("t").businessName(" ").contactEmail("nope")
                .phone("call me").build());

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("businessName", "contactEmail", "phone");
    }

    @Test
    void anAcceptanceNeverShowsItsToken() {
        AcceptInvitation built = AcceptInvitation.token("the-secret-token").businessName("Bright").subdomain("bright")
                .from("192.0.2.1").build();

        assertThat(built.toString()).doesNotContain("the-secret-token");
        assertThat(built.clientAddress()).isEqualTo("192.0.2.1");
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void aSignUpListsEveryMalformedField() {
        ValidationException refusal = refusal(() -> NewAccount.email("nope").password("").name(null, "\u0000").build());

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("email", "password", "firstName", "lastName");
        assertThat(NewAccount.email("a@example.org").password("correct horse battery").name("Ada", "Lovelace").toString())
                .doesNotContain("correct horse battery");
    }

    @Test
    void aNewTenantListsEveryMalformedField() {
        ValidationException refusal = refusal(() -> NewTenant.named(null).contactEmail("nope").phone("call me").build());

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("name", "contactEmail", "phone");
    }

    @Test
    void aCodeRotationListsBothLimitsWhenBothAreOutOfRange() {
        ValidationException refusal = refusal(() -> CodeRotation.limits().validForHours(0)
                .maxUses(CodeRotation.MAX_USES + 1).build());

        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactly("validForHours", "maxUses");
        assertThat(CodeRotation.limits().validForHours(CodeRotation.MAX_VALID_HOURS).maxUses(1).build())
                .isEqualTo(new CodeRotation(CodeRotation.MAX_VALID_HOURS, 1));
        assertThat(CodeRotation.limits().build()).isEqualTo(CodeRotation.unlimited());
    }

    @Test
    void anInvitationQueryReadsStatusesInAnyCaseAndListsWhatItCannotRead() {
        assertThat(InvitationQuery.all().status("pending").email(" Owner@Example.org ").build())
                .isEqualTo(new InvitationQuery(InvitationStatus.PENDING, EmailAddress.of("owner@example.org"),
                        PageRequest.first()));

        ValidationException refusal = refusal(() -> InvitationQuery.all().status("sleeping").email("x").build());
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("status", "email");
    }

    @Test
    void credentialsCodesAndLogInsNeverShowTheirSecrets() {
        assertThat(OwnerCredentials.password("correct horse battery").name("Grace", "Hopper").toString())
                .doesNotContain("correct horse battery");
        assertThat(LogIn.with("a@example.org", "correct horse battery").from("192.0.2.1").toString())
                .doesNotContain("correct horse battery");
        assertThat(JoinWithCode.code("K7QM-3XPA").from("192.0.2.1").toString()).doesNotContain("K7QM");
        assertThat(LogIn.with("a@example.org", "pw").from("192.0.2.1").clientAddress()).isEqualTo("192.0.2.1");
    }

    private static ValidationException refusal(ThrowingCallable build) {
        ValidationException refusal = catchThrowableOfType(ValidationException.class, build);
        assertThat(refusal).as("the builder refuses").isNotNull();
        return refusal;
    }
}
