package io.invitekit.adapter.jdbi.testing;

import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.IdGenerator;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.CustomLimits;
import io.invitekit.domain.tenant.FeatureFlags;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.Permissions;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Domain values for storage tests: every one unique, every instant at microsecond precision. */
public final class Fixtures {
    /** A fixed "now" with microseconds, as the domain truncates them. */
    public static final Instant NOW = Instant.parse("2031-03-01T10:00:00.123456Z");
    public static final SecureRandom RANDOM = new SecureRandom();

    private static final IdGenerator IDS = new IdGenerator(Clock.systemUTC(), RANDOM);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    public static java.util.UUID nextId() {
        return IDS.next();
    }

    /** A label no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
    }

    public static EmailAddress email(String prefix) {
        return EmailAddress.of(unique(prefix) + "@Example.COM");
    }

    public static Subdomain subdomain(String prefix) {
        return Subdomain.of(unique(prefix));
    }

    public static TokenDigest digest() {
        return SecretToken.generate(RANDOM).digest();
    }

    public static Plan richPlan() {
        return new Plan(SubscriptionTier.STARTER, new CustomLimits(12, null),
                Permissions.of(PlatformPermission.CAN_ACCEPT_PAYMENTS, PlatformPermission.CAN_USE_CUSTOM_DOMAIN),
                new FeatureFlags(Set.of("calendars", "two_factor_auth")));
    }

    public static TenantInvitation invitation(EmailAddress email) {
        return invitation(email, null, NOW);
    }

    public static TenantInvitation invitation(EmailAddress email, Subdomain reserved, Instant createdAt) {
        return TenantInvitation.create(new InvitationId(nextId()), email, Name.of("Café Zürich 🍰 مرحبا"), richPlan(),
                reserved, new UserId(nextId()), digest(), 7, createdAt);
    }

    /** An invitation created long enough before {@code NOW} to have expired (7 days) by then. */
    public static TenantInvitation lapsedInvitation(EmailAddress email) {
        return invitation(email, null, NOW.minus(Duration.ofDays(8)));
    }

    public static Tenant tenant(Subdomain subdomain) {
        return Tenant.create(new TenantId(nextId()), Name.of("Acme & Söhne"), subdomain, "invitekit.test", richPlan(),
                Limits.of(12, 25), EmailAddress.of("billing@acme.test"), new Phone("+49 (30) 123-45.6"), NOW);
    }

    public static Tenant plainTenant(Subdomain subdomain) {
        return Tenant.create(new TenantId(nextId()), Name.of("Family"), subdomain, "invitekit.test",
                Plan.basic(SubscriptionTier.FREE), Limits.of(6, 10), null, null, NOW);
    }

    public static Account account(EmailAddress email) {
        return account(email, PlatformRole.NONE);
    }

    public static Account account(EmailAddress email, PlatformRole role) {
        return new Account(new UserId(nextId()), email, new PasswordHash("fast-insecure$c2FsdA$aGFzaA"), Name.of("Zoë"),
                Name.of("O'Brien"), role, NOW);
    }

    public static Session session(UserId user) {
        return new Session(new SessionId(nextId()), user, digest(), digest(), NOW, NOW.plus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(30)));
    }

    public static InviteCode code() {
        return InviteCode.generate(InviteCode.MAX_LENGTH, RANDOM);
    }

    public static JoinCode joinCode(TenantId tenant, Instant expiresAt, Integer maxUses) {
        return JoinCode.issue(new JoinCodeId(nextId()), tenant, code(), NOW, expiresAt, maxUses);
    }

    public static OutboxMessage message(String aggregateId, Instant now) {
        TenantInvitationMail.Queued mail = new TenantInvitationMail.Queued(email("to"), "Invitekit & Co = \"best\"",
                "Zoë 🙂 100%", SubscriptionTier.STARTER, 10, null, Set.of(PlatformPermission.CAN_ACCEPT_PAYMENTS), "",
                now.plus(Duration.ofDays(7)), 7);
        return OutboxMessage.queue(new OutboxMessageId(nextId()), mail, SecretToken.generate(RANDOM).reveal(), aggregateId,
                now);
    }
}
