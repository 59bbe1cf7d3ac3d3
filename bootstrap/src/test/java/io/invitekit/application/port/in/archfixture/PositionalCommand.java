package io.invitekit.application.port.in.archfixture;

/** A deliberate violation, for proving the parameter rule bites: a command built positionally from five values. */
public record PositionalCommand(String email, String name, String tier, Integer maxUsers, Integer maxResources) {
}
