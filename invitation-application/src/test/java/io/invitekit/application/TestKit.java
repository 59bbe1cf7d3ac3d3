package io.invitekit.application;

import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.config.InvitekitSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.invitekit.application.inmemory.InMemoryRateLimiter;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.Tenant;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One application on in-memory adapters, with a hand-moved clock and shortcuts for the usual steps. */
public final class TestKit {
    public static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    public static final String PASSWORD = "correct horse battery";

    public final ManualClock clock = new ManualClock(START);
    public final InMemoryStorage storage = new InMemoryStorage();
    public final RecordingMailSender mail = new RecordingMailSender();
    /** The kit's rate limiter: the façade hands out use cases only, so the test keeps its own reference. */
    public final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    public final Invitekit kit;
    private int counter;

    public TestKit() {
        this(UnaryOperator.identity());
    }

    public TestKit(UnaryOperator<InvitekitSettings.Builder> settings) {
        this(settings, (builder, storage) -> builder);
    }

    /** {@code ports} may replace single ports, wrapping this kit's in-memory storage. */
    public TestKit(UnaryOperator<InvitekitSettings.Builder> settings,
                   java.util.function.BiFunction<Invitekit.Builder, InMemoryStorage, Invitekit.Builder> ports) {
        kit = ports.apply(Invitekit.builder()
                        .settings(settings.apply(InvitekitSettings.defaults().toBuilder()
                                .platformName("Acme Cloud").platformDomain("acme.test")
                                .baseUrl(java.net.URI.create("https://app.acme.test"))).build())
                        .clock(clock)
                        .random(new Random(7))
                        .storage(storage)
                        .mailSender(mail)
                        .rateLimiter(limiter)
                        .inMemory(), storage)
                .build();
    }

    /** The first platform admin, signed in. */
    public Actor admin() {
        kit.accounts().createFirstPlatformAdmin("root@acme.test", PASSWORD);
        return kit.accounts().authenticate(kit.accounts().login(LogIn.with("root@acme.test", PASSWORD)).accessToken())
                .orElseThrow();
    }

    public AuthResult signup(String email) {
        return kit.accounts().signup(NewAccount.email(email).password(PASSWORD).name("Ada", "Lovelace")).signedIn();
    }

    /** Signs up and verifies the email (as its link would). */
    public AuthResult verifiedSignup(String email) {
        AuthResult auth = signup(email);
        storage.accounts().markEmailVerified(auth.user().id(), clock.instant());
        return auth;
    }

    public Actor user(String email) {
        return Actor.user(signup(email).user().id());
    }

    public Actor newUser() {
        return user("user" + (++counter) + "@example.org");
    }

    public InvitationView invite(Actor admin, String email) {
        return kit.invitations().create(admin, invitation(email));
    }

    public static NewTenantInvitation.Builder invitation(String email) {
        return NewTenantInvitation.to(email).businessName("Bright Bakery");
    }

    /** The raw token of the newest email queued for this invitation: what the link in it carries. */
    public String tokenOf(InvitationView invitation) {
        return storage.outbox().all().stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .max(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                .map(OutboxMessage::secret)
                .orElseThrow();
    }

    /** Accepts with an Invitekit account: the existing one's password, or a new one named Grace Hopper. */
    public AcceptResult accept(String token, String subdomain) {
        return kit.accounts().acceptInvitation(acceptance(token, subdomain), owner());
    }

    public static AcceptInvitation.Builder acceptance(String token, String subdomain) {
        return AcceptInvitation.token(token).businessName("Bright Bakery").subdomain(subdomain);
    }

    public static OwnerCredentials owner() {
        return OwnerCredentials.password(PASSWORD).name("Grace", "Hopper");
    }

    public TenantView family(Actor owner, String name) {
        return kit.tenants().create(owner, NewTenant.named(name));
    }

    /** Asserts the call is refused with {@code code}, and returns the refusal for more checks. */
    public static DomainException refused(ErrorCode code, ThrowingCallable call) {
        DomainException refusal = catchThrowableOfType(DomainException.class, call);
        assertThat(refusal).as("expected a refusal with code %s", code).isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
        return refusal;
    }

    public static Map<String, Boolean> on(String... names) {
        java.util.Map<String, Boolean> flags = new java.util.HashMap<>();
        for (String name : names) {
            flags.put(name, true);
        }
        return flags;
    }

    /** The link of a tenant invitation email that was sent. */
    public static String linkOf(OutgoingMail mail) {
        return ((TenantInvitationMail) mail.mail()).link().toString();
    }

    /** Every tenant in {@code storage} (the first thousand), newest first. */
    public static List<Tenant> tenantsIn(Storage storage) {
        Boolean activeOrNot = null;
        UUID fromTheNewest = null;
        return storage.tenants().list(activeOrNot, fromTheNewest, 1_000);
    }

    /** Every tenant in this kit's store, newest first. */
    public List<Tenant> storedTenants() {
        return tenantsIn(storage);
    }

    /** {@code storage} with its accounts replaced, as an embedder or a failing store might. */
    public static Storage withAccounts(Storage storage, Accounts accounts) {
        return new io.invitekit.application.port.out.ForwardingStorage(storage) {
            @Override
            public Accounts accounts() {
                return accounts;
            }
        };
    }
}
