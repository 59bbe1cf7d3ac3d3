package io.invitekit.adapter.jdbi.testing;

import static io.invitekit.testing.fixtures.Fixtures.aJoinCode;
import static io.invitekit.testing.fixtures.Fixtures.aSession;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.anInvitation;
import static io.invitekit.testing.fixtures.Fixtures.anOutboxMessage;

import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Short forms of invitekit-testing's fixtures ({@link io.invitekit.testing.fixtures.Fixtures}) for
 * the storage tests beyond the port contracts: every one unique, every instant at microsecond
 * precision.
 */
public final class Fixtures {
    /** A fixed "now" with microseconds, as the domain truncates them. */
    public static final Instant NOW = io.invitekit.testing.fixtures.Fixtures.NOW;
    public static final SecureRandom RANDOM = io.invitekit.testing.fixtures.Fixtures.RANDOM;

    private Fixtures() {
    }

    public static UUID nextId() {
        return io.invitekit.testing.fixtures.Fixtures.nextId();
    }

    /** A label no other test uses. */
    public static String unique(String prefix) {
        return io.invitekit.testing.fixtures.Fixtures.unique(prefix);
    }

    public static EmailAddress email(String prefix) {
        return io.invitekit.testing.fixtures.Fixtures.email(prefix);
    }

    public static Subdomain subdomain(String prefix) {
        return io.invitekit.testing.fixtures.Fixtures.subdomain(prefix);
    }

    public static TokenDigest digest() {
        return io.invitekit.testing.fixtures.Fixtures.digest();
    }

    public static TenantInvitation invitation(EmailAddress email) {
        return anInvitation().email(email).build();
    }

    public static Tenant plainTenant(Subdomain subdomain) {
        return aTenant().plain().subdomain(subdomain).build();
    }

    public static Account account(EmailAddress email) {
        return account(email, PlatformRole.NONE);
    }

    public static Account account(EmailAddress email, PlatformRole role) {
        return anAccount().email(email).role(role).build();
    }

    public static Session session(UserId user) {
        return aSession().user(user).build();
    }

    public static InviteCode code() {
        return io.invitekit.testing.fixtures.Fixtures.inviteCode();
    }

    public static JoinCode joinCode(TenantId tenant, Instant expiresAt, Integer maxUses) {
        return aJoinCode().tenant(tenant).expiresAt(expiresAt).maxUses(maxUses).build();
    }

    public static OutboxMessage message(String aggregateId, Instant now) {
        return anOutboxMessage().about(aggregateId).queuedAt(now).build();
    }
}
