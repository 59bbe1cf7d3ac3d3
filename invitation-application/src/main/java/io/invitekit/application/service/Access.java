package io.invitekit.application.service;

import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;

/**
 * Who may do what. Outsiders asking about a tenant are told it does not exist, so that one
 * tenant's ids say nothing about another's.
 */
final class Access {
    private final Memberships memberships;

    Access(Memberships memberships) {
        this.memberships = memberships;
    }

    static Actor requireActor(Actor actor) {
        if (actor == null) {
            throw unauthenticated();
        }
        return actor;
    }

    static Actor requirePlatformAdmin(Actor actor) {
        requireActor(actor);
        if (!actor.isPlatformAdmin()) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only platform admins may do this");
        }
        return actor;
    }

    /** The actor's membership in the tenant; {@code not_found} when there is none. */
    Membership requireMember(Actor actor, TenantId tenant) {
        requireActor(actor);
        if (tenant == null) {
            throw notFound("tenant");
        }
        return memberships.find(tenant, actor.id()).orElseThrow(() -> notFound("tenant"));
    }

    static RuleViolationException notFound(String what) {
        return new RuleViolationException(ErrorCode.NOT_FOUND, "no such " + what);
    }

    static RuleViolationException unauthenticated() {
        return new RuleViolationException(ErrorCode.UNAUTHENTICATED, "sign in first");
    }
}
