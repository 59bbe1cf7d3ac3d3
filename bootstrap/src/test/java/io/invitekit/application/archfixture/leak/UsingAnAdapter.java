package io.invitekit.application.archfixture.leak;

import io.invitekit.adapter.alpha.archfixture.First;

/** A deliberate violation, for proving the application rule bites: application code using an adapter. */
public final class UsingAnAdapter {
    public String call() {
        return new First().callOther();
    }
}
