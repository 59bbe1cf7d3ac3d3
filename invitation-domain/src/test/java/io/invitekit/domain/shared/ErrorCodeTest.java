package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void theStableCodesAreAllThere() {
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).contains(
                "VALIDATION_FAILED", "UNAUTHENTICATED", "INVALID_CREDENTIALS", "FORBIDDEN", "NOT_FOUND",
                "INVITATION_PENDING_EXISTS", "INVALID_TRANSITION", "RESEND_TOO_SOON", "RESEND_LIMIT_REACHED",
                "INVITATION_EXPIRED", "INVITATION_CANCELLED", "INVITATION_ACCEPTED", "SUBDOMAIN_TAKEN",
                "INVALID_SUBDOMAIN", "EMAIL_TAKEN", "INVALID_CODE", "MALFORMED_CODE", "TENANT_FULL",
                "TENANT_INACTIVE", "RATE_LIMITED", "TENANT_LIMIT_REACHED");
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
