package io.invitekit.application.port.in;

/**
 * How an invited owner signs in with an Invitekit account when accepting: the password of the
 * account with the invitation's email when one exists (the names are then ignored), else the
 * password and names of the account to create. Checked by the use case, which knows which case
 * it is.
 */
public record OwnerCredentials(String password, String firstName, String lastName) {

    /** For an owner who has an account: its password. */
    public static OwnerCredentials password(String password) {
        return new OwnerCredentials(password, null, null);
    }

    /** For an owner who may not have an account yet: the new account's names. */
    public OwnerCredentials name(String first, String last) {
        return new OwnerCredentials(password, first, last);
    }

    @Override
    public String toString() {
        return "OwnerCredentials[redacted]";
    }
}
