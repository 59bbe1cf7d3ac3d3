package io.invitekit.domain.invitation;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/** Invitations in every state, built through the aggregate's own transitions. */
final class InvitationFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final int TTL_DAYS = 7;
    static final InvitationPolicy POLICY = InvitationPolicy.defaults();
    static final TenantId TENANT = new TenantId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000a"));
    static final UserId OWNER = new UserId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000b"));
    static final UserId ADMIN = new UserId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000c"));

    private InvitationFixtures() {
    }

    static TokenDigest digest(long seed) {
        return SecretToken.generate(new SplittableRandom(seed)).digest();
    }

    static TenantInvitation pending() {
        return pending(TTL_DAYS);
    }

    static TenantInvitation pending(int ttlDays) {
        return TenantInvitation.create(new InvitationId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-000000000001")),
                EmailAddress.of("owner@cafe.example"), Name.of("Café Zürich"), Plan.basic(SubscriptionTier.PROFESSIONAL),
                Subdomain.of("cafe-zurich"), ADMIN, "Ada Admin", digest(0), ttlDays, T0);
    }

    static Instant expiry() {
        return T0.plus(Duration.ofDays(TTL_DAYS));
    }

    /** A moment at which {@link #pending()} is past its expiry. */
    static Instant afterExpiry() {
        return expiry().plusSeconds(1);
    }

    /** An invitation in {@code status} as seen at {@link #afterExpiry()}, the time tests act at. */
    static TenantInvitation in(InvitationStatus status) {
        return switch (status) {
            case PENDING -> pending().resend(afterExpiry(), digest(1), POLICY); // fresh lifetime from afterExpiry()
            case ACCEPTED -> pending().accept(T0.plusSeconds(5), TENANT, OWNER);
            case EXPIRED -> pending().expire(afterExpiry()); // as the sweeper wrote it
            case CANCELLED -> pending().cancel(T0.plusSeconds(5));
        };
    }
}
