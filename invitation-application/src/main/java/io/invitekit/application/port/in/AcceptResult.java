package io.invitekit.application.port.in;

/** The owner, the tenant just created, and the owner's fresh tokens. */
public record AcceptResult(AuthResult auth, TenantView tenant) {
}
