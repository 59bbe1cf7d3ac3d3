package io.invitekit.application.port.in;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.tenant.CustomLimits;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An invitation for a future business owner, as a platform admin asks for it:
 *
 * <pre>{@code
 * NewTenantInvitation.to("owner@example.org")
 *         .businessName("Bright Bakery")
 *         .tier(SubscriptionTier.STARTER)
 *         .grant(PlatformPermission.CAN_ACCEPT_PAYMENTS)
 *         .build();
 * }</pre>
 *
 * Absent optional values take the deployment's defaults: its default invitation tier, the tier's
 * limits, no permissions, no feature flags, the default lifetime, no reserved subdomain. Whether
 * the tier and flags exist, the lifetime is within bounds and the subdomain is not reserved is
 * the use case's to check, since that depends on its settings.
 */
public final class NewTenantInvitation {
    private final EmailAddress email;
    private final Name suggestedBusinessName;
    private final SubscriptionTier tier;
    private final CustomLimits customLimits;
    private final Set<PlatformPermission> permissions;
    private final Map<String, Boolean> featureFlags;
    private final Integer expiresInDays;
    private final Subdomain reservedSubdomain;
    private final LocaleTag locale;

    /** Reads the builder's values, recording every refusal in {@code errors}. */
    private NewTenantInvitation(Builder b, FieldErrors errors) {
        this.email = b.email != null ? b.email : errors.required("email", b.rawEmail, EmailAddress::of);
        this.suggestedBusinessName = errors.optional("suggestedBusinessName", b.businessName, Name::of);
        this.tier = b.tier != null ? b.tier : errors.optional("subscriptionTier", b.rawTier, SubscriptionTier::new);
        Integer users = errors.value("customMaxUsers", () -> new CustomLimits(b.customMaxUsers, null).maxUsers());
        Integer resources = errors.value("customMaxResources",
                () -> new CustomLimits(null, b.customMaxResources).maxResources());
        this.customLimits = new CustomLimits(users, resources);
        this.permissions = b.permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.permissions));
        this.featureFlags = Collections.unmodifiableMap(new LinkedHashMap<>(b.featureFlags));
        this.expiresInDays = b.expiresInDays;
        this.reservedSubdomain = errors.optional("reservedSubdomain", b.reservedSubdomain, Subdomain::of);
        this.locale = errors.optional("locale", b.locale, LocaleTag::parse);
        errors.addAll(b.rejected);
    }

    /** An invitation to {@code email}; {@link Builder#build()} refuses it when it is no email address. */
    public static Builder to(String email) {
        return new Builder().email(email);
    }

    public static Builder to(EmailAddress email) {
        return new Builder().email(email);
    }

    public EmailAddress email() {
        return email;
    }

    /** Null when none was suggested. */
    public Name suggestedBusinessName() {
        return suggestedBusinessName;
    }

    /** Null for the deployment's default invitation tier. */
    public SubscriptionTier tier() {
        return tier;
    }

    public CustomLimits customLimits() {
        return customLimits;
    }

    public Set<PlatformPermission> permissions() {
        return permissions;
    }

    /** Feature flag names (the deployment's registry) to on or off; unnamed flags are off. */
    public Map<String, Boolean> featureFlags() {
        return featureFlags;
    }

    /** Null for the default lifetime. */
    public Integer expiresInDays() {
        return expiresInDays;
    }

    /** Null when no subdomain is held for the owner. */
    public Subdomain reservedSubdomain() {
        return reservedSubdomain;
    }

    /** Null for the deployment's default language; whether it is offered is the use case's to check. */
    public LocaleTag locale() {
        return locale;
    }

    public Builder toBuilder() {
        Builder b = new Builder().email(email).tier(tier).permissions(permissions).featureFlags(featureFlags)
                .expiresInDays(expiresInDays);
        b.businessName = suggestedBusinessName == null ? null : suggestedBusinessName.value();
        b.customMaxUsers = customLimits.maxUsers();
        b.customMaxResources = customLimits.maxResources();
        b.reservedSubdomain = reservedSubdomain == null ? null : reservedSubdomain.value();
        b.locale = locale == null ? null : locale.value();
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewTenantInvitation other && Objects.equals(email, other.email) && Objects.equals(suggestedBusinessName, other.suggestedBusinessName) && Objects.equals(tier, other.tier) && Objects.equals(customLimits, other.customLimits) && Objects.equals(permissions, other.permissions) && Objects.equals(featureFlags, other.featureFlags) && Objects.equals(expiresInDays, other.expiresInDays) && Objects.equals(reservedSubdomain, other.reservedSubdomain) && Objects.equals(locale, other.locale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, suggestedBusinessName, tier, customLimits, permissions, featureFlags, expiresInDays, reservedSubdomain, locale);
    }

    @Override
    public String toString() {
        return "NewTenantInvitation[" + email + ", tier=" + tier + "]";
    }

    /** Collects the values; {@link #build()} checks them all at once. */
    public static final class Builder {
        private String rawEmail;
        private EmailAddress email;
        private String businessName;
        private String rawTier;
        private SubscriptionTier tier;
        private Integer customMaxUsers;
        private Integer customMaxResources;
        private final Set<PlatformPermission> permissions = EnumSet.noneOf(PlatformPermission.class);
        private final Map<String, Boolean> featureFlags = new LinkedHashMap<>();
        private Integer expiresInDays;
        private String reservedSubdomain;
        private String locale;
        private final FieldErrors rejected = new FieldErrors();

        private Builder() {
        }

        public Builder email(String value) {
            rawEmail = value;
            email = null;
            return this;
        }

        public Builder email(EmailAddress value) {
            email = value;
            rawEmail = null;
            return this;
        }

        /** The name the owner will see suggested; they may change it when accepting. */
        public Builder businessName(String value) {
            businessName = value;
            return this;
        }

        public Builder tier(SubscriptionTier value) {
            tier = value;
            rawTier = null;
            return this;
        }

        /** A tier by name ({@code "STARTER"}). */
        public Builder tier(String value) {
            rawTier = value;
            tier = null;
            return this;
        }

        /** In place of the tier's user limit. */
        public Builder customMaxUsers(Integer value) {
            customMaxUsers = value;
            return this;
        }

        /** In place of the tier's resource limit. */
        public Builder customMaxResources(Integer value) {
            customMaxResources = value;
            return this;
        }

        public Builder grant(PlatformPermission... granted) {
            permissions.addAll(Set.of(granted));
            return this;
        }

        /** Replaces the permissions granted so far. */
        public Builder permissions(Set<PlatformPermission> granted) {
            permissions.clear();
            permissions.addAll(granted);
            return this;
        }

        public Builder flag(String name, boolean on) {
            featureFlags.put(name, on);
            return this;
        }

        /** Replaces the flags named so far. */
        public Builder featureFlags(Map<String, Boolean> flags) {
            featureFlags.clear();
            if (flags != null) {
                featureFlags.putAll(flags);
            }
            return this;
        }

        /** The language of the email and the onboarding page ({@code "de"}); null: the deployment's default. */
        public Builder locale(String value) {
            locale = value;
            return this;
        }

        public Builder expiresInDays(Integer days) {
            expiresInDays = days;
            return this;
        }

        /** Holds this subdomain for the owner until the invitation ends. */
        public Builder reserveSubdomain(String value) {
            reservedSubdomain = value;
            return this;
        }

        /**
         * Records a refusal found while reading this command from elsewhere (an adapter's wire
         * format), to be reported with the builder's own.
         */
        public Builder reject(String field, String message) {
            rejected.add(field, message);
            return this;
        }

        /**
         * @throws io.invitekit.domain.shared.ValidationException listing every field that is
         *         missing or malformed
         */
        public NewTenantInvitation build() {
            FieldErrors errors = new FieldErrors();
            NewTenantInvitation built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /**
         * Records every refusal in {@code errors} rather than throwing, for a use case that adds
         * its own before it throws: the result lacks each refused value and is only good for that.
         */
        public NewTenantInvitation build(FieldErrors errors) {
            return new NewTenantInvitation(this, Objects.requireNonNull(errors, "errors"));
        }
    }
}
