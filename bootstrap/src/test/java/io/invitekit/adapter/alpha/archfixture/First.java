package io.invitekit.adapter.alpha.archfixture;

import io.invitekit.adapter.beta.archfixture.Second;

/** A deliberate violation, for proving the adapter rule bites: one adapter calling another. */
public final class First {
    public String callOther() {
        return new Second().name();
    }
}
