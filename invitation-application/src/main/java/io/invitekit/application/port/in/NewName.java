package io.invitekit.application.port.in;

import io.invitekit.domain.shared.Name;

/**
 * The name a signed-in user gives themselves.
 *
 * <pre>{@code NewName.of("Ana", "Lima").build()}</pre>
 */
public record NewName(Name firstName, Name lastName) {

    public static Builder of(String firstName, String lastName) {
        return new Builder(firstName, lastName);
    }

    public static final class Builder {
        private final String firstName;
        private final String lastName;

        private Builder(String firstName, String lastName) {
            this.firstName = firstName;
            this.lastName = lastName;
        }

        /** @throws io.invitekit.domain.shared.ValidationException naming {@code firstName} and {@code lastName} */
        public NewName build() {
            FieldErrors errors = new FieldErrors();
            Name first = errors.required("firstName", firstName, Name::of);
            Name last = errors.required("lastName", lastName, Name::of);
            errors.throwIfAny();
            return new NewName(first, last);
        }
    }
}
