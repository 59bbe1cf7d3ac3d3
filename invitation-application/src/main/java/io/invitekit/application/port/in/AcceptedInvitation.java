package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;

/** The tenant an accepted invitation created, and its owner. */
public record AcceptedInvitation(UserId owner, TenantView tenant) {
}
