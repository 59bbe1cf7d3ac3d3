package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void wireNamesAreTheSnakeCaseProblemCodesOfTheApi() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)).contains(
                "validation_failed", "unauthenticated", "invalid_credentials", "forbidden", "not_found",
                "invitation_pending_exists", "invalid_transition", "resend_too_soon", "resend_limit_reached",
                "invitation_expired", "invitation_cancelled", "invitation_accepted", "subdomain_taken",
                "invalid_subdomain", "email_taken", "invalid_code", "malformed_code", "tenant_full",
                "tenant_inactive", "rate_limited", "tenant_limit_reached");
    }

    @Test
    void refusalsCarryTheirCodeAndMessage() {
        DomainException refusal = new RuleViolationException(ErrorCode.TENANT_FULL, "no room");

        assertThat(refusal.code()).isEqualTo(ErrorCode.TENANT_FULL);
        assertThat(refusal).hasMessage("no room");
    }

    @Test
    void validationFailuresListEveryFieldAndNeedAtLeastOne() {
        ValidationException refusal = new ValidationException(java.util.List.of(
                new ValidationException.FieldError("email", "is required"),
                new ValidationException.FieldError("subdomain", "is reserved")));

        assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("email", "subdomain");
        assertThat(refusal).hasMessageContaining("email: is required").hasMessageContaining("subdomain: is reserved");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new ValidationException(java.util.List.of()));
    }
}
