package io.invitekit.application.service;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;

/**
 * Who may do what. Outsiders asking about a tenant are told it does not exist, so that one
 * tenant's ids say nothing about another's.
 */
final class Access {
    private final Accounts accounts;
    private final Memberships memberships;

    Access(Accounts accounts, Memberships memberships) {
        this.accounts = accounts;
        this.memberships = memberships;
    }

    Account requireAccount(UserId actor) {
        if (actor == null) {
            throw unauthenticated();
        }
        return accounts.byId(actor).orElseThrow(Access::unauthenticated);
    }

    Account requirePlatformAdmin(UserId actor) {
        Account account = requireAccount(actor);
        if (!account.isPlatformAdmin()) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only platform admins may do this");
        }
        return account;
    }

    /** The actor's membership in the tenant; {@code not_found} when there is none. */
    Membership requireMember(UserId actor, TenantId tenant) {
        requireAccount(actor);
        return memberships.find(tenant, actor).orElseThrow(() -> notFound("tenant"));
    }

    static RuleViolationException notFound(String what) {
        return new RuleViolationException(ErrorCode.NOT_FOUND, "no such " + what);
    }

    static RuleViolationException unauthenticated() {
        return new RuleViolationException(ErrorCode.UNAUTHENTICATED, "sign in first");
    }
}
