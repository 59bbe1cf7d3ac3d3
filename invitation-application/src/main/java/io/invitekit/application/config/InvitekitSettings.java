package io.invitekit.application.config;

import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import io.invitekit.domain.tenant.SubdomainPolicy;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.TierCatalog;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import io.invitekit.domain.shared.LocaleTag;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything about the application that a deployment may choose. {@link #defaults()} is the
 * product as specified; {@link #toBuilder()} changes single values.
 *
 * @param baseUrl where the pages are served; email links are built from it and never from a request
 * @param maxTenantsPerUser how many tenants one account may own, active or not; platform admins
 *        and accepted tenant invitations are exempt (the invited tenant counts all the same)
 * @param invitationLinkTemplate the link in an invitation email: {@code {baseUrl}} is replaced by
 *        the base URL and {@code {token}} (required) by the invitation's token. A host that serves
 *        its own acceptance page points it there, e.g. {@code {baseUrl}/join/accept?t={token}}.
 * @param rateLimits how often log-ins, sign-ups, invitation links and password resets may be tried per client
 * @param passwordResetLinkTemplate the link in a password reset email, like {@code invitationLinkTemplate}:
 *        {@code {baseUrl}} and {@code {token}} (required) are replaced
 * @param emailVerificationLinkTemplate the link in an email verification email, likewise
 * @param memberInvitationLinkTemplate the link in a member invitation email (into an existing
 *        tenant, with a role), likewise; a host with its own acceptance page points it there
 * @param requireVerifiedEmail with Invitekit's own accounts: sign-up answers without a session
 *        (the same for a new and a taken email), log-in and joining by code need a verified email
 * @param webhooks the webhook retry schedule, endpoint health thresholds, lease and batch size
 */
public record InvitekitSettings(
        String platformName,
        String platformDomain,
        URI baseUrl,
        InvitationPolicy invitationPolicy,
        SubscriptionTier defaultInvitationTier,
        SubscriptionTier defaultTenantTier,
        int maxTenantsPerUser,
        TierCatalog tierCatalog,
        FeatureFlagRegistry featureFlags,
        SubdomainPolicy subdomainPolicy,
        int inviteCodeLength,
        int joinFailuresPerAccount,
        Duration joinFailuresAccountPeriod,
        int joinFailuresPerAddress,
        Duration joinFailuresAddressPeriod,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        RetryPolicy mailRetry,
        Duration outboxLease,
        int outboxBatchSize,
        int sweepBatchSize,
        String invitationLinkTemplate,
        RateLimits rateLimits,
        String passwordResetLinkTemplate,
        String emailVerificationLinkTemplate,
        String memberInvitationLinkTemplate,
        boolean requireVerifiedEmail,
        WebhookPolicy webhooks,
        List<LocaleTag> locales) {

    /** The languages of the bundled pages and emails; the first is the default. */
    public static final List<LocaleTag> DEFAULT_LOCALES = List.of(LocaleTag.ENGLISH, LocaleTag.GERMAN);

    public static final String DEFAULT_INVITATION_LINK = "{baseUrl}/tenant-onboard#token={token}";
    public static final String DEFAULT_PASSWORD_RESET_LINK = "{baseUrl}/reset-password#token={token}";
    public static final String DEFAULT_EMAIL_VERIFICATION_LINK = "{baseUrl}/verify-email#token={token}";
    public static final String DEFAULT_MEMBER_INVITATION_LINK = "{baseUrl}/invite#token={token}";

    public InvitekitSettings {
        Objects.requireNonNull(webhooks, "webhooks");
        locales = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(locales, "locales")));
        if (locales.isEmpty()) {
            throw new IllegalArgumentException("at least one locale is offered");
        }
        Objects.requireNonNull(platformName, "platformName");
        if (platformName.isBlank() || platformName.length() > 100 || io.invitekit.domain.shared.Text.hasUnsafe(platformName)) {
            // it goes into every email's subject and From name: one line, no control characters
            throw new IllegalArgumentException("the platform name has 1 to 100 characters on one line");
        }
        Objects.requireNonNull(platformDomain, "platformDomain");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(invitationPolicy, "invitationPolicy");
        Objects.requireNonNull(tierCatalog, "tierCatalog");
        Objects.requireNonNull(featureFlags, "featureFlags");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        Objects.requireNonNull(mailRetry, "mailRetry");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (invitationLinkTemplate == null || !invitationLinkTemplate.contains("{token}")) {
            throw new IllegalArgumentException("the invitation link template contains {token}");
        }
        if (passwordResetLinkTemplate == null || !passwordResetLinkTemplate.contains("{token}")) {
            throw new IllegalArgumentException("the password reset link template contains {token}");
        }
        if (emailVerificationLinkTemplate == null || !emailVerificationLinkTemplate.contains("{token}")) {
            throw new IllegalArgumentException("the email verification link template contains {token}");
        }
        if (memberInvitationLinkTemplate == null || !memberInvitationLinkTemplate.contains("{token}")) {
            throw new IllegalArgumentException("the member invitation link template contains {token}");
        }
        tierCatalog.require(defaultInvitationTier);
        tierCatalog.require(defaultTenantTier);
        InviteCode.requireLength(inviteCodeLength);
        String base = baseUrl.toString();
        baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the base URL is an http or https URL");
        }
        // Checked now, or every such email would fail for good at its first send.
        requireAbsoluteLink("invitation", invitationLinkTemplate, baseUrl);
        requireAbsoluteLink("password reset", passwordResetLinkTemplate, baseUrl);
        requireAbsoluteLink("email verification", emailVerificationLinkTemplate, baseUrl);
        requireAbsoluteLink("member invitation", memberInvitationLinkTemplate, baseUrl);
        if (joinFailuresPerAccount < 1 || joinFailuresPerAddress < 1 || outboxBatchSize < 1 || sweepBatchSize < 1
                || maxTenantsPerUser < 1) {
            throw new IllegalArgumentException("limits and batch sizes are at least 1");
        }
    }

    private static void requireAbsoluteLink(String what, String template, URI baseUrl) {
        String sampleLink = template.replace("{baseUrl}", baseUrl.toString()).replace("{token}", "token");
        try {
            if (!new URI(sampleLink).isAbsolute()) {
                throw new IllegalArgumentException("the " + what + " link template makes no absolute URL");
            }
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("the " + what + " link template makes no URL: " + malformed.getReason());
        }
    }

    public static InvitekitSettings defaults() {
        return new InvitekitSettings("Invitekit", "localhost", URI.create("http://localhost:8080"),
                InvitationPolicy.defaults(), SubscriptionTier.PROFESSIONAL, SubscriptionTier.FREE, 10,
                TierCatalog.defaults(), FeatureFlagRegistry.defaults(), SubdomainPolicy.defaults(),
                InviteCode.DEFAULT_LENGTH, 10, Duration.ofHours(24), 30, Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofDays(30), RetryPolicy.defaults(), Duration.ofMinutes(5), 50, 500,
                DEFAULT_INVITATION_LINK, RateLimits.defaults(), DEFAULT_PASSWORD_RESET_LINK,
                DEFAULT_EMAIL_VERIFICATION_LINK, DEFAULT_MEMBER_INVITATION_LINK, false, WebhookPolicy.defaults(),
                DEFAULT_LOCALES);
    }

    /** The language of pages and emails when nobody chose one: the first of {@link #locales}. */
    public LocaleTag defaultLocale() {
        return locales.get(0);
    }

    /** Whether the deployment offers pages and emails in {@code locale}. */
    public boolean offers(LocaleTag locale) {
        return locales.contains(locale);
    }

    /** The link an invitation email carries for {@code token}. */
    public String invitationLink(String token) {
        return invitationLinkTemplate.replace("{baseUrl}", baseUrl.toString()).replace("{token}", token);
    }

    /** The link a member invitation email carries for {@code token}. */
    public String memberInvitationLink(String token) {
        return memberInvitationLinkTemplate.replace("{baseUrl}", baseUrl.toString()).replace("{token}", token);
    }

    /** The link a password reset email carries for {@code token}. */
    public String passwordResetLink(String token) {
        return passwordResetLinkTemplate.replace("{baseUrl}", baseUrl.toString()).replace("{token}", token);
    }

    /** The link an email verification email carries for {@code token}. */
    public String emailVerificationLink(String token) {
        return emailVerificationLinkTemplate.replace("{baseUrl}", baseUrl.toString()).replace("{token}", token);
    }

    /** The log-in page of the bundled pages. */
    public String logInLink() {
        return baseUrl + "/login";
    }

    /** The "forgot password" page of the bundled pages. */
    public String forgotPasswordLink() {
        return baseUrl + "/forgot-password";
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes single values of a settings record. */
    public static final class Builder {
        private String platformName;
        private String platformDomain;
        private URI baseUrl;
        private InvitationPolicy invitationPolicy;
        private SubscriptionTier defaultInvitationTier;
        private SubscriptionTier defaultTenantTier;
        private int maxTenantsPerUser;
        private TierCatalog tierCatalog;
        private FeatureFlagRegistry featureFlags;
        private SubdomainPolicy subdomainPolicy;
        private int inviteCodeLength;
        private int joinFailuresPerAccount;
        private Duration joinFailuresAccountPeriod;
        private int joinFailuresPerAddress;
        private Duration joinFailuresAddressPeriod;
        private Duration accessTokenTtl;
        private Duration refreshTokenTtl;
        private RetryPolicy mailRetry;
        private Duration outboxLease;
        private int outboxBatchSize;
        private int sweepBatchSize;
        private String invitationLinkTemplate;
        private RateLimits rateLimits;
        private String passwordResetLinkTemplate;
        private String emailVerificationLinkTemplate;
        private String memberInvitationLinkTemplate;
        private boolean requireVerifiedEmail;
        private WebhookPolicy webhooks;
        private List<LocaleTag> locales;

        private Builder(InvitekitSettings s) {
            platformName = s.platformName;
            platformDomain = s.platformDomain;
            baseUrl = s.baseUrl;
            invitationPolicy = s.invitationPolicy;
            defaultInvitationTier = s.defaultInvitationTier;
            defaultTenantTier = s.defaultTenantTier;
            maxTenantsPerUser = s.maxTenantsPerUser;
            tierCatalog = s.tierCatalog;
            featureFlags = s.featureFlags;
            subdomainPolicy = s.subdomainPolicy;
            inviteCodeLength = s.inviteCodeLength;
            joinFailuresPerAccount = s.joinFailuresPerAccount;
            joinFailuresAccountPeriod = s.joinFailuresAccountPeriod;
            joinFailuresPerAddress = s.joinFailuresPerAddress;
            joinFailuresAddressPeriod = s.joinFailuresAddressPeriod;
            accessTokenTtl = s.accessTokenTtl;
            refreshTokenTtl = s.refreshTokenTtl;
            mailRetry = s.mailRetry;
            outboxLease = s.outboxLease;
            outboxBatchSize = s.outboxBatchSize;
            sweepBatchSize = s.sweepBatchSize;
            invitationLinkTemplate = s.invitationLinkTemplate;
            rateLimits = s.rateLimits;
            passwordResetLinkTemplate = s.passwordResetLinkTemplate;
            emailVerificationLinkTemplate = s.emailVerificationLinkTemplate;
            memberInvitationLinkTemplate = s.memberInvitationLinkTemplate;
            requireVerifiedEmail = s.requireVerifiedEmail;
            webhooks = s.webhooks;
            locales = s.locales;
        }

        public Builder platformName(String v) { platformName = v; return this; }
        public Builder platformDomain(String v) { platformDomain = v; return this; }
        public Builder baseUrl(URI v) { baseUrl = v; return this; }
        public Builder invitationPolicy(InvitationPolicy v) { invitationPolicy = v; return this; }
        public Builder defaultInvitationTier(SubscriptionTier v) { defaultInvitationTier = v; return this; }
        public Builder defaultTenantTier(SubscriptionTier v) { defaultTenantTier = v; return this; }
        public Builder maxTenantsPerUser(int v) { maxTenantsPerUser = v; return this; }
        public Builder tierCatalog(TierCatalog v) { tierCatalog = v; return this; }
        public Builder featureFlags(FeatureFlagRegistry v) { featureFlags = v; return this; }
        public Builder subdomainPolicy(SubdomainPolicy v) { subdomainPolicy = v; return this; }
        public Builder inviteCodeLength(int v) { inviteCodeLength = v; return this; }
        public Builder joinFailuresPerAccount(int v) { joinFailuresPerAccount = v; return this; }
        public Builder joinFailuresAccountPeriod(Duration v) { joinFailuresAccountPeriod = v; return this; }
        public Builder joinFailuresPerAddress(int v) { joinFailuresPerAddress = v; return this; }
        public Builder joinFailuresAddressPeriod(Duration v) { joinFailuresAddressPeriod = v; return this; }
        public Builder accessTokenTtl(Duration v) { accessTokenTtl = v; return this; }
        public Builder refreshTokenTtl(Duration v) { refreshTokenTtl = v; return this; }
        public Builder mailRetry(RetryPolicy v) { mailRetry = v; return this; }
        public Builder outboxLease(Duration v) { outboxLease = v; return this; }
        public Builder outboxBatchSize(int v) { outboxBatchSize = v; return this; }
        public Builder sweepBatchSize(int v) { sweepBatchSize = v; return this; }
        public Builder invitationLinkTemplate(String v) { invitationLinkTemplate = v; return this; }
        public Builder rateLimits(RateLimits v) { rateLimits = v; return this; }
        public Builder passwordResetLinkTemplate(String v) { passwordResetLinkTemplate = v; return this; }
        public Builder emailVerificationLinkTemplate(String v) { emailVerificationLinkTemplate = v; return this; }
        public Builder memberInvitationLinkTemplate(String v) { memberInvitationLinkTemplate = v; return this; }
        public Builder requireVerifiedEmail(boolean v) { requireVerifiedEmail = v; return this; }
        public Builder webhooks(WebhookPolicy v) { webhooks = v; return this; }
        /** The languages offered, the default first. */
        public Builder locales(List<LocaleTag> v) { locales = v; return this; }

        public InvitekitSettings build() {
            return new InvitekitSettings(platformName, platformDomain, baseUrl, invitationPolicy, defaultInvitationTier,
                    defaultTenantTier, maxTenantsPerUser, tierCatalog, featureFlags, subdomainPolicy, inviteCodeLength,
                    joinFailuresPerAccount, joinFailuresAccountPeriod, joinFailuresPerAddress,
                    joinFailuresAddressPeriod, accessTokenTtl, refreshTokenTtl, mailRetry, outboxLease,
                    outboxBatchSize, sweepBatchSize, invitationLinkTemplate, rateLimits, passwordResetLinkTemplate,
                    emailVerificationLinkTemplate, memberInvitationLinkTemplate, requireVerifiedEmail, webhooks,
                    locales);
        }
    }
}
