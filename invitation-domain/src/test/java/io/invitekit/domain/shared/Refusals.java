package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that the domain refuses something with a given exception type and error code. */
public final class Refusals {
    private Refusals() {
    }

    public static <E extends DomainException> E assertRefused(ThrowingCallable call, Class<E> type, ErrorCode code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the domain should refuse with %s", type.getSimpleName()).isInstanceOf(type);
        E refusal = type.cast(thrown);
        assertThat(refusal.code()).as("error code of: %s", refusal.getMessage()).isEqualTo(code);
        return refusal;
    }

    /** An {@link InvalidValueException} carrying {@code code}. */
    public static InvalidValueException assertInvalid(ThrowingCallable call, ErrorCode code) {
        return assertRefused(call, InvalidValueException.class, code);
    }

    /** An {@link InvalidValueException} with the generic {@code validation_failed} code. */
    public static InvalidValueException assertInvalid(ThrowingCallable call) {
        return assertInvalid(call, ErrorCode.VALIDATION_FAILED);
    }
}
