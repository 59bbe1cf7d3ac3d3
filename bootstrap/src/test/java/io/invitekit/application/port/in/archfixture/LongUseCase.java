package io.invitekit.application.port.in.archfixture;

/** A deliberate violation, for proving the parameter rule bites: a use-case method of five parameters. */
public interface LongUseCase {
    void invite(String actor, String email, String name, String tier, Integer maxUsers);
}
