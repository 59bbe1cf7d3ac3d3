package io.invitekit.application;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.InMemoryRateLimiter;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase;
import io.invitekit.application.port.in.JoinCodeUseCase;
import io.invitekit.application.port.in.SubdomainAvailabilityUseCase;
import io.invitekit.application.port.in.TenantInvitationUseCase;
import io.invitekit.application.port.in.TenantUseCase;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.PaymentOnboarding;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.service.AccountService;
import io.invitekit.application.service.Credentials;
import io.invitekit.application.service.DeliveryService;
import io.invitekit.application.service.InvitationAcceptanceService;
import io.invitekit.application.service.JoinCodeService;
import io.invitekit.application.service.OpaqueSessionTokens;
import io.invitekit.application.service.ServiceContext;
import io.invitekit.application.service.SubdomainSuggestions;
import io.invitekit.application.service.TenantInvitationService;
import io.invitekit.application.service.TenantService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The application, assembled from its ports: the one entry point for embedders and for the
 * bundled server alike.
 *
 * <pre>{@code
 * Invitekit kit = Invitekit.builder()
 *         .storage(myStorage)            // or .inMemory() for tests
 *         .mailSender(mySender)
 *         .passwordHasher(myHasher)
 *         .build();
 * }</pre>
 */
public final class Invitekit {
    private final InvitekitSettings settings;
    private final TenantInvitationUseCase invitations;
    private final InvitationAcceptanceUseCase acceptance;
    private final SubdomainAvailabilityUseCase subdomains;
    private final TenantUseCase tenants;
    private final JoinCodeUseCase joinCodes;
    private final AccountUseCase accounts;
    private final DeliveryUseCase delivery;
    private final PaymentOnboarding paymentOnboarding;
    private final Storage storage;
    private final MailSender mailSender;
    private final RateLimiter rateLimiter;

    private Invitekit(Builder b) {
        this.settings = b.settings;
        this.storage = b.storage;
        this.mailSender = b.mailSender;
        this.rateLimiter = b.rateLimiter;
        this.paymentOnboarding = b.paymentOnboarding;
        Accounts accountStore = b.accounts != null ? b.accounts : storage.accounts();
        SessionTokens tokens = b.sessionTokens != null ? b.sessionTokens
                : new OpaqueSessionTokens(storage.sessions(), b.clock, b.random, settings.accessTokenTtl(),
                settings.refreshTokenTtl());
        ServiceContext context = new ServiceContext(settings, b.clock, b.random, storage.auditLog());
        SubdomainSuggestions suggestions = new SubdomainSuggestions(settings.subdomainPolicy(), storage.subdomains(),
                b.clock, b.random);
        Credentials credentials = new Credentials(b.passwordHasher, tokens, b.random);

        this.subdomains = suggestions;
        this.invitations = new TenantInvitationService(context, storage.transactions(), storage.invitations(),
                storage.subdomains(), accountStore, storage.outbox(), storage.memberships(), suggestions);
        this.acceptance = new InvitationAcceptanceService(context, storage.transactions(), storage.invitations(),
                storage.subdomains(), storage.tenants(), accountStore, storage.memberships(), b.passwordHasher,
                credentials, suggestions);
        this.tenants = new TenantService(context, storage.transactions(), storage.tenants(), storage.subdomains(),
                storage.memberships(), accountStore, suggestions);
        this.joinCodes = new JoinCodeService(context, storage.transactions(), storage.joinCodes(), storage.tenants(),
                storage.memberships(), accountStore, rateLimiter);
        this.accounts = new AccountService(context, storage.transactions(), accountStore, storage.memberships(),
                storage.tenants(), b.passwordHasher, tokens, credentials, storage.bootstrapMarkers());
        this.delivery = new DeliveryService(context, storage.outbox(), mailSender, storage.invitations());
    }

    public static Builder builder() {
        return new Builder();
    }

    public InvitekitSettings settings() {
        return settings;
    }

    /** Platform admins: create, list, read, resend and cancel tenant invitations. */
    public TenantInvitationUseCase invitations() {
        return invitations;
    }

    /** The invited owner: preview and accept. */
    public InvitationAcceptanceUseCase acceptance() {
        return acceptance;
    }

    public SubdomainAvailabilityUseCase subdomains() {
        return subdomains;
    }

    public TenantUseCase tenants() {
        return tenants;
    }

    public JoinCodeUseCase joinCodes() {
        return joinCodes;
    }

    public AccountUseCase accounts() {
        return accounts;
    }

    /** The outbox relay and expiry sweeper steps, for a scheduler to call. */
    public DeliveryUseCase delivery() {
        return delivery;
    }

    public PaymentOnboarding paymentOnboarding() {
        return paymentOnboarding;
    }

    /** The ports it was built from, for adapters that need them directly (metrics, health). */
    public Storage storage() {
        return storage;
    }

    public MailSender mailSender() {
        return mailSender;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Collects the ports; anything not given gets the default named on its setter. */
    public static final class Builder {
        private InvitekitSettings settings = InvitekitSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private Storage storage;
        private Accounts accounts;
        private MailSender mailSender;
        private PasswordHasher passwordHasher;
        private SessionTokens sessionTokens;
        private RateLimiter rateLimiter;
        private PaymentOnboarding paymentOnboarding = PaymentOnboarding.none();
        private boolean inMemory;

        private Builder() {
        }

        /** Default: {@link InvitekitSettings#defaults()}. */
        public Builder settings(InvitekitSettings value) {
            settings = Objects.requireNonNull(value);
            return this;
        }

        /** Default: the system clock in UTC. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Default: a {@link SecureRandom}. Tokens and codes come from it: it must be a secure one in production. */
        public Builder random(RandomGenerator value) {
            random = Objects.requireNonNull(value);
            return this;
        }

        /** Required, unless {@link #inMemory()}. */
        public Builder storage(Storage value) {
            storage = Objects.requireNonNull(value);
            return this;
        }

        /** Your own user store in place of the storage's. */
        public Builder accounts(Accounts value) {
            accounts = Objects.requireNonNull(value);
            return this;
        }

        /** Required, unless {@link #inMemory()} (which records mail in a {@link RecordingMailSender}). */
        public Builder mailSender(MailSender value) {
            mailSender = Objects.requireNonNull(value);
            return this;
        }

        /** Required, unless {@link #inMemory()} (which uses a fast, insecure hasher fit for tests only). */
        public Builder passwordHasher(PasswordHasher value) {
            passwordHasher = Objects.requireNonNull(value);
            return this;
        }

        /** Default: opaque tokens kept hashed in the storage's sessions. */
        public Builder sessionTokens(SessionTokens value) {
            sessionTokens = Objects.requireNonNull(value);
            return this;
        }

        /** Default: in-memory token buckets (one process). */
        public Builder rateLimiter(RateLimiter value) {
            rateLimiter = Objects.requireNonNull(value);
            return this;
        }

        /** Default: none (the payments step does nothing). */
        public Builder paymentOnboarding(PaymentOnboarding value) {
            paymentOnboarding = Objects.requireNonNull(value);
            return this;
        }

        /** Fills every port not given with its in-memory adapter: for tests and trying things out. */
        public Builder inMemory() {
            inMemory = true;
            return this;
        }

        public Invitekit build() {
            if (random == null) {
                random = new SecureRandom();
            }
            if (inMemory) {
                storage = storage != null ? storage : new InMemoryStorage();
                mailSender = mailSender != null ? mailSender : new RecordingMailSender();
                passwordHasher = passwordHasher != null ? passwordHasher : new FastInsecurePasswordHasher(random);
            }
            if (rateLimiter == null) {
                rateLimiter = new InMemoryRateLimiter(clock);
            }
            require(storage, "storage");
            require(mailSender, "mailSender");
            require(passwordHasher, "passwordHasher");
            return new Invitekit(this);
        }

        private static void require(Object port, String name) {
            if (port == null) {
                throw new IllegalStateException("Invitekit needs a " + name + " (or call inMemory() for tests)");
            }
        }
    }
}
