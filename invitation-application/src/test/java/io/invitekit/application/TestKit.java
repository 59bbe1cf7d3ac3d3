package io.invitekit.application;

import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.config.InvitekitSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AccountUseCase.SignupCommand;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase.AcceptCommand;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.TenantInvitationUseCase.CreateCommand;
import io.invitekit.application.port.in.TenantUseCase;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One application on in-memory adapters, with a hand-moved clock and shortcuts for the usual steps. */
public final class TestKit {
    public static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    public static final String PASSWORD = "correct horse battery";

    public final ManualClock clock = new ManualClock(START);
    public final InMemoryStorage storage = new InMemoryStorage();
    public final RecordingMailSender mail = new RecordingMailSender();
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
                        .inMemory(), storage)
                .build();
    }

    /** The first platform admin, signed in. */
    public UserId admin() {
        kit.accounts().createFirstPlatformAdmin("root@acme.test", PASSWORD);
        return kit.accounts().authenticate(kit.accounts().login("root@acme.test", PASSWORD).accessToken()).orElseThrow();
    }

    public AuthResult signup(String email) {
        return kit.accounts().signup(new SignupCommand(email, PASSWORD, "Ada", "Lovelace"));
    }

    public UserId user(String email) {
        return signup(email).user().id();
    }

    public UserId newUser() {
        return user("user" + (++counter) + "@example.org");
    }

    public InvitationView invite(UserId admin, String email) {
        return kit.invitations().create(invitation(admin, email));
    }

    public static CreateCommand invitation(UserId admin, String email) {
        return new CreateCommand(admin, email, "Bright Bakery", null, null, null, null, null, null, null);
    }

    /** The raw token of the newest email queued for this invitation: what the link in it carries. */
    public String tokenOf(InvitationView invitation) {
        return storage.outbox().all().stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .max(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                .map(OutboxMessage::secret)
                .orElseThrow();
    }

    public static AcceptCommand accept(String token, String subdomain) {
        return new AcceptCommand(token, PASSWORD, "Grace", "Hopper", "Bright Bakery", subdomain, null, null);
    }

    public TenantView family(UserId owner, String name) {
        return kit.tenants().create(new TenantUseCase.CreateCommand(owner, name, null, null, null));
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
}
