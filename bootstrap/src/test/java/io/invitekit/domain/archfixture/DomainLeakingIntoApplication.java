package io.invitekit.domain.archfixture;

import io.invitekit.application.Invitekit;

/** A deliberate violation, for proving the domain rule bites: a domain class reaching for the application. */
public final class DomainLeakingIntoApplication {
    public Invitekit reachOut() {
        return Invitekit.builder().inMemory().build();
    }
}
