package io.invitekit.application.port.in.archfixture;

import io.invitekit.application.port.out.Outbox;

/** A deliberate violation, for proving the port rule bites: a use case that names an outbound port. */
public interface InboundPortNamingOutboundPort {
    Outbox outbox();
}
