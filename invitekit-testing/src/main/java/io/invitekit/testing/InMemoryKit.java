package io.invitekit.testing;

import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Invitekit on in-memory ports with a host's identity, for a host application's own tests: a
 * clock the test moves, the mail it sent, a directory of users, and shortcuts for the usual
 * steps. Every port stays the test's to inspect; the kit itself hands out use cases only.
 *
 * <pre>{@code
 * InMemoryKit it = InMemoryKit.create();
 * Actor admin = it.admin();
 * UserId owner = it.user("owner@example.org", "Grace", "Hopper");
 * String token = it.invite(admin, NewTenantInvitation.to("owner@example.org"));
 * it.acceptAs(owner, token, "bright");
 * }</pre>
 */
public final class InMemoryKit {
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final InMemoryStorage storage = new InMemoryStorage();
    public final RecordingMailSender mail = new RecordingMailSender();
    public final InMemoryUserDirectory users = new InMemoryUserDirectory();
    public final Invitekit kit;

    private InMemoryKit(UnaryOperator<InvitekitSettings.Builder> settings, UnaryOperator<Invitekit.Builder> ports) {
        kit = ports.apply(Invitekit.builder()
                        .settings(settings.apply(InvitekitSettings.defaults().toBuilder()).build())
                        .clock(clock)
                        .random(new Random(42))
                        .storage(storage)
                        .mailSender(mail)
                        .userDirectory(users)
                        .inMemory())
                .build();
    }

    /** With the default settings and a host's identity (no Invitekit accounts). */
    public static InMemoryKit create() {
        return new InMemoryKit(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** With other settings, and ports replaced where {@code ports} says (a payment onboarding, say). */
    public static InMemoryKit create(UnaryOperator<InvitekitSettings.Builder> settings, UnaryOperator<Invitekit.Builder> ports) {
        return new InMemoryKit(settings, ports);
    }

    /** A new user in the directory. */
    public UserId user(String email, String firstName, String lastName) {
        return users.add(new UserProfile(new UserId(UUID.randomUUID()), EmailAddress.of(email), firstName, lastName));
    }

    /** A platform admin known to the directory. */
    public Actor admin() {
        return Actor.platformAdmin(user("admin-" + UUID.randomUUID() + "@example.org", "Ada", "Admin"));
    }

    /** Creates the invitation, relays its email and answers the token its link carries. */
    public String invite(Actor admin, NewTenantInvitation.Builder invitation) {
        InvitationView created = kit.invitations().create(admin, invitation);
        kit.delivery().relayOnce();
        return tokenFor(created.email());
    }

    /** The token of the newest invitation email sent to {@code email}. */
    public String tokenFor(String email) {
        EmailAddress to = EmailAddress.of(email);
        List<TenantInvitationMail> sent = mail.sent(TenantInvitationMail.class).stream()
                .filter(m -> m.to().equals(to)).toList();
        if (sent.isEmpty()) {
            throw new IllegalStateException("no invitation email was sent to " + email);
        }
        return Objects.requireNonNull(sent.get(sent.size() - 1).token(), "the email carries no token");
    }

    /** Accepts as the directory's user, with the email the directory knows as verified. */
    public AcceptedInvitation acceptAs(UserId user, String token, String subdomain) {
        EmailAddress email = users.profiles(List.of(user)).get(user).email();
        return kit.acceptance().accept(new VerifiedUser(user, email),
                AcceptInvitation.token(token).businessName("Business of " + subdomain).subdomain(subdomain));
    }
}
