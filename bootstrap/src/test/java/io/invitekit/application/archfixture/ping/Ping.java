package io.invitekit.application.archfixture.ping;

import io.invitekit.application.archfixture.pong.Pong;

/** A deliberate violation, for proving the cycle rule bites: ping needs pong… */
public final class Ping {
    public Pong next() {
        return new Pong();
    }
}
