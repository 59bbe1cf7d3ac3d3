package io.invitekit.application.archfixture.pong;

import io.invitekit.application.archfixture.ping.Ping;

/** …and pong needs ping. */
public final class Pong {
    public Ping next() {
        return new Ping();
    }
}
