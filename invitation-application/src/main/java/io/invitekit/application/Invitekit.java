package io.invitekit.application;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.InMemoryRateLimiter;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AccountAdministrationUseCase;
import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.AuditUseCase;
import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase;
import io.invitekit.application.port.in.JoinCodeUseCase;
import io.invitekit.application.port.in.MemberUseCase;
import io.invitekit.application.port.in.OperationsUseCase;
import io.invitekit.application.port.in.PlatformInfoUseCase;
import io.invitekit.application.port.in.PaymentOnboardingUseCase;
import io.invitekit.application.port.in.SessionUseCase;
import io.invitekit.application.port.in.SubdomainAvailabilityUseCase;
import io.invitekit.application.port.in.TenantInvitationUseCase;
import io.invitekit.application.port.in.TenantUseCase;
import io.invitekit.application.port.out.BusinessMetrics;
import io.invitekit.application.port.out.EventListener;
import io.invitekit.application.port.in.WebhookUseCase;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.PaymentOnboarding;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.SecretBox;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.application.service.AccountAdministrationService;
import io.invitekit.application.service.AccountDirectory;
import io.invitekit.application.service.AesGcmSecretBox;
import io.invitekit.application.service.WebhookService;
import io.invitekit.application.service.AccountService;
import io.invitekit.application.service.AuditService;
import io.invitekit.application.service.DeliveryService;
import io.invitekit.application.service.InvitationAcceptanceService;
import io.invitekit.application.service.JoinCodeService;
import io.invitekit.application.service.MemberService;
import io.invitekit.application.service.OpaqueSessionTokens;
import io.invitekit.application.service.OperationsService;
import io.invitekit.application.service.PlatformInfoService;
import io.invitekit.application.service.PaymentOnboardingService;
import io.invitekit.application.service.RequestLimits;
import io.invitekit.application.service.ServiceContext;
import io.invitekit.application.service.SessionService;
import io.invitekit.application.service.SubdomainSuggestions;
import io.invitekit.application.service.TenantInvitationService;
import io.invitekit.application.service.TenantService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The application, assembled from its ports: the one entry point for embedders and for the
 * bundled server alike. It hands out use cases only; whoever passes a port in keeps their own
 * reference to it.
 *
 * <pre>{@code
 * Invitekit kit = Invitekit.builder()
 *         .storage(JdbiStorage.create(hostJdbi))  // or .inMemory() for tests
 *         .mailSender(mySender)
 *         .userDirectory(myUsers)                 // the host's users; or .passwordHasher(…) for Invitekit's own accounts
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
    private final MemberUseCase members;
    private final AccountUseCase accounts; // null when Invitekit's own accounts are off
    private final SessionUseCase sessions; // null when Invitekit's own accounts are off
    private final DeliveryUseCase delivery;
    private final AuditUseCase audit;
    private final WebhookUseCase webhooks;
    private final PaymentOnboardingUseCase payments;
    private final OperationsUseCase operations;
    private final PlatformInfoUseCase platform;
    private final AccountAdministrationUseCase accountAdministration; // null when Invitekit's own accounts are off

    private Invitekit(Builder b) {
        this.settings = b.settings;
        Storage storage = b.storage;
        UserDirectory directory = b.userDirectory != null ? b.userDirectory : new AccountDirectory(storage.accounts());
        ServiceContext context = new ServiceContext(settings, b.clock, b.random, storage.auditLog(), b.businessMetrics);
        SubdomainSuggestions suggestions = new SubdomainSuggestions(settings.subdomainPolicy(), storage.subdomains(),
                b.clock, b.random);
        RequestLimits limits = new RequestLimits(b.rateLimiter, settings.rateLimits());

        this.subdomains = suggestions;
        TenantInvitationService invitationService = new TenantInvitationService(context, storage.transactions(),
                storage.invitations(), storage.subdomains(), directory, storage.outbox(), suggestions);
        this.invitations = invitationService;
        InvitationAcceptanceService acceptanceService = new InvitationAcceptanceService(context, storage.transactions(),
                storage.invitations(), storage.subdomains(), storage.tenants(), storage.memberships(), storage.outbox(),
                directory, limits, suggestions);
        this.acceptance = acceptanceService;
        TenantService tenantService = new TenantService(context, storage.transactions(), storage.tenants(),
                storage.subdomains(), storage.memberships(), directory, suggestions);
        this.tenants = tenantService;
        MemberService memberService = new MemberService(context, storage.transactions(), storage.tenants(),
                storage.memberships(), storage.memberInvitations(), storage.outbox(), directory, limits);
        this.members = memberService;
        // Joining by code needs a verified email only with Invitekit's own accounts: a host's
        // users are verified by their host.
        this.joinCodes = new JoinCodeService(context, storage.transactions(), storage.joinCodes(), storage.tenants(),
                storage.memberships(), storage.memberInvitations(), b.rateLimiter,
                b.passwordHasher != null && settings.requireVerifiedEmail() ? storage.accounts() : null);
        if (b.passwordHasher != null) {
            SessionTokens tokens = b.sessionTokens != null ? b.sessionTokens
                    : new OpaqueSessionTokens(storage.sessions(), b.clock, b.random, settings.accessTokenTtl(),
                    settings.refreshTokenTtl());
            this.accounts = new AccountService(context, storage.transactions(), storage.accounts(), b.passwordHasher,
                    tokens, storage.bootstrapMarkers(), limits, tenantService, acceptanceService, memberService,
                    storage.passwordResets(), storage.outbox(), storage.emailVerifications());
            this.sessions = new SessionService(context, storage.transactions(), storage.accounts(), b.passwordHasher,
                    tokens, limits, this.accounts);
            this.accountAdministration = new AccountAdministrationService(context, storage.transactions(),
                    storage.accounts(), b.passwordHasher, tokens, storage.passwordResets(), storage.outbox());
        } else {
            this.accounts = null;
            this.sessions = null;
            this.accountAdministration = null;
        }
        this.audit = new AuditService(storage.auditLog(), storage.tenants(), storage.memberships(), directory);
        SecretBox secretBox = b.secretKey != null ? new AesGcmSecretBox(b.secretKey) : AesGcmSecretBox.withRandomKey();
        WebhookService webhookService = new WebhookService(context, storage.transactions(), storage.webhookEndpoints(),
                storage.webhookDeliveries(), storage.memberships(), secretBox, b.webhookSender, limits);
        this.webhooks = webhookService;
        // The dispatcher hands each batch to the webhook service (fan-out), which also sends the deliveries.
        this.delivery = new DeliveryService(context, storage.transactions(), storage.outbox(), b.mailSender,
                storage.invitations(), storage.memberInvitations(), b.eventListeners, webhookService, webhookService);
        this.payments = new PaymentOnboardingService(storage.tenants(), storage.memberships(), b.paymentOnboarding);
        this.platform = new PlatformInfoService(settings);
        this.operations = new OperationsService(storage.outbox(), invitationService, storage.invitations(),
                storage.memberInvitations());
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

    /** The invited owner: preview, and accept as a signed-in user of the host. */
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

    /**
     * A tenant's members: invitations by email with a role, the member list, role changes,
     * removal, leaving and the transfer of ownership.
     */
    public MemberUseCase members() {
        return members;
    }

    /** Whether Invitekit's own accounts are on ({@link Builder#passwordHasher}). */
    public boolean hasAccounts() {
        return accounts != null;
    }

    /**
     * Invitekit's own accounts: sign-up, log-in, sessions, accepting with a password.
     *
     * @throws IllegalStateException when they are off (a host with its own users)
     */
    public AccountUseCase accounts() {
        if (accounts == null) {
            throw new IllegalStateException("Invitekit's own accounts are off: give the builder a passwordHasher to use them");
        }
        return accounts;
    }

    /**
     * With Invitekit's own accounts: sessions for the pages, the sessions a user sees and ends,
     * changing one's password and name.
     *
     * @throws IllegalStateException when they are off (a host with its own users)
     */
    public SessionUseCase sessions() {
        if (sessions == null) {
            throw new IllegalStateException("Invitekit's own accounts are off: give the builder a passwordHasher to use them");
        }
        return sessions;
    }

    /** The outbox relay and expiry sweeper steps, for a scheduler to call. */
    public DeliveryUseCase delivery() {
        return delivery;
    }

    /** The audit log people read: every event, for platform admins and a tenant's OWNERs and ADMINs. */
    public AuditUseCase audit() {
        return audit;
    }

    /**
     * Webhook endpoints: platform admins register the platform's (every event), a tenant's OWNERs
     * and ADMINs their tenant's; deliveries, replay, secret rotation, test events.
     */
    public WebhookUseCase webhooks() {
        return webhooks;
    }

    /** A paying tenant's owner starts payment onboarding. */
    public PaymentOnboardingUseCase payments() {
        return payments;
    }

    /**
     * The platform as anyone may see it: name, domain, tiers with their limits, permissions,
     * feature flags and languages (what the pages show instead of knowing it themselves).
     */
    public PlatformInfoUseCase platform() {
        return platform;
    }

    /** The outbox's backlog, who may read metrics, and the dead emails an operator retries. */
    public OperationsUseCase operations() {
        return operations;
    }

    /**
     * What an operator does to Invitekit's own accounts (the admin command line): set a password,
     * create a platform admin.
     *
     * @throws IllegalStateException when they are off (a host with its own users)
     */
    public AccountAdministrationUseCase accountAdministration() {
        if (accountAdministration == null) {
            throw new IllegalStateException("Invitekit's own accounts are off: give the builder a passwordHasher to use them");
        }
        return accountAdministration;
    }

    /** Collects the ports; anything not given gets the default named on its setter. */
    public static final class Builder {
        private InvitekitSettings settings = InvitekitSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private Storage storage;
        private UserDirectory userDirectory;
        private MailSender mailSender;
        private PasswordHasher passwordHasher;
        private SessionTokens sessionTokens;
        private RateLimiter rateLimiter;
        private PaymentOnboarding paymentOnboarding = PaymentOnboarding.none();
        private boolean inMemory;
        private final List<EventListener> eventListeners = new ArrayList<>();
        private BusinessMetrics businessMetrics = BusinessMetrics.NOOP;
        private byte[] secretKey;
        private WebhookSender webhookSender = request -> new WebhookSender.Result(null, java.time.Duration.ZERO,
                "no webhook sender is configured");

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

        /**
         * The host's users: the names and emails views and emails show. Default: Invitekit's own
         * accounts (which then need a {@link #passwordHasher}).
         */
        public Builder userDirectory(UserDirectory value) {
            userDirectory = Objects.requireNonNull(value);
            return this;
        }

        /** Required, unless {@link #inMemory()} (which records mail in a {@link RecordingMailSender}). */
        public Builder mailSender(MailSender value) {
            mailSender = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Turns Invitekit's own accounts on (sign-up, log-in, sessions), hashing passwords with
         * {@code value}. Without it and without a {@link #userDirectory}, {@link #inMemory()} uses
         * a fast, insecure hasher fit for tests only.
         */
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

        /**
         * Adds an in-process subscriber to every event (may be called several times): called after
         * the change committed, at least once per event (de-duplicate on {@code Event.id()}), by
         * whichever node runs {@code delivery().dispatchEventsOnce()} (the bundled server's
         * background jobs do).
         */
        public Builder eventListener(EventListener value) {
            eventListeners.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * The key (32 bytes, AES-256-GCM) that seals secrets Invitekit must read back, such as
         * webhook signing secrets, at rest. Keep it stable and secret: secrets sealed under one key
         * do not open under another. Default: a random key for this process only (fine in memory;
         * with a database, endpoints' secrets then stop working after a restart).
         */
        public Builder secretKey(byte[] value) {
            Objects.requireNonNull(value);
            if (value.length != 32) {
                throw new IllegalArgumentException("the secret key must be 32 bytes");
            }
            secretKey = value.clone();
            return this;
        }

        /**
         * Sends webhook requests (the bundled server uses the Jetty adapter, which refuses private
         * targets). Default: none: every attempt fails with "no webhook sender is configured".
         */
        public Builder webhookSender(WebhookSender value) {
            webhookSender = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Where the services count invitations, joins, emails and webhook deliveries, after each
         * change committed (the bundled server passes Micrometer counters that {@code /metrics}
         * shows). Default: {@link BusinessMetrics#NOOP}.
         */
        public Builder businessMetrics(BusinessMetrics value) {
            businessMetrics = Objects.requireNonNull(value);
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
                if (passwordHasher == null && userDirectory == null) {
                    passwordHasher = new FastInsecurePasswordHasher(random);
                }
            }
            if (rateLimiter == null) {
                rateLimiter = new InMemoryRateLimiter(clock);
            }
            require(storage, "storage");
            require(mailSender, "mailSender");
            if (userDirectory == null && passwordHasher == null) {
                throw new IllegalStateException("Invitekit needs a userDirectory (the host's users) or a passwordHasher "
                        + "(its own accounts)");
            }
            return new Invitekit(this);
        }

        private static void require(Object port, String name) {
            if (port == null) {
                throw new IllegalStateException("Invitekit needs a " + name + " (or call inMemory() for tests)");
            }
        }
    }
}
