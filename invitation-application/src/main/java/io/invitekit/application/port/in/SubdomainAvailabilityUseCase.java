package io.invitekit.application.port.in;

public interface SubdomainAvailabilityUseCase {
    /** Never throws for a bad name: the answer says {@code invalid} and offers suggestions. */
    SubdomainAvailability check(String requested);
}
