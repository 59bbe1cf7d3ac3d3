package io.invitekit.adapter.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the outbox's {@code data} column holds a {@link QueuedMail}: JSON with a {@code type}
 * discriminator, one explicit {@code …Json} record per kind of mail (so that renaming a field in
 * the application does not silently change what is stored). The recipient has its own column and
 * the link is never stored: its token is the row's {@code secret}, purged once the message is
 * SENT, DEAD or WITHDRAWN.
 *
 * <p>Rows written before this format hold URL-encoded {@code k=v&k=v} text (it never starts with
 * a brace); they are still read. A row this version cannot read (a kind it does not know, from
 * a newer version, or incomplete values) is read as {@link QueuedMail.Unreadable}, which the
 * relay fails for good with the reason, instead of failing the whole claim.
 */
final class MailJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer version may add a field
            .build();
    private static final int MAX_QUOTED = 60;

    private MailJson() {
    }

    /** The stored form of the tenant invitation email. */
    record TenantInvitationJson(String type, String platformName, String inviterName, String tier,
                                Integer maxUsers, Integer maxResources, List<String> permissions,
                                String suggestedBusinessName, String expiresAt, Integer expiresInDays, String locale) {
        static TenantInvitationJson of(TenantInvitationMail.Queued mail) {
            return new TenantInvitationJson(TenantInvitationMail.KIND, mail.platformName(), mail.inviterName(),
                    mail.tier().name(), mail.maxUsers(), mail.maxResources(),
                    mail.permissions().stream().map(Enum::name).sorted().toList(), mail.suggestedBusinessName(),
                    mail.expiresAt().toString(), mail.expiresInDays(), tag(mail.locale()));
        }

        TenantInvitationMail.Queued toMail(EmailAddress to) {
            Set<PlatformPermission> granted = Objects.requireNonNull(permissions, "permissions").stream()
                    .map(PlatformPermission::valueOf).collect(Collectors.toSet());
            return new TenantInvitationMail.Queued(to, platformName, inviterName,
                    new SubscriptionTier(Objects.requireNonNull(tier, "tier")), maxUsers, maxResources, granted,
                    suggestedBusinessName, Instant.parse(Objects.requireNonNull(expiresAt, "expiresAt")),
                    Objects.requireNonNull(expiresInDays, "expiresInDays"), storedLocale(locale));
        }
    }

    /** The stored form of the password reset email. */
    record PasswordResetJson(String type, String platformName, String expiresAt, Integer expiresInMinutes,
                             String locale) {
        static PasswordResetJson of(PasswordResetMail.Queued mail) {
            return new PasswordResetJson(PasswordResetMail.KIND, mail.platformName(), mail.expiresAt().toString(),
                    mail.expiresInMinutes(), tag(mail.locale()));
        }

        PasswordResetMail.Queued toMail(EmailAddress to) {
            return new PasswordResetMail.Queued(to, Objects.requireNonNull(platformName, "platformName"),
                    Instant.parse(Objects.requireNonNull(expiresAt, "expiresAt")),
                    Objects.requireNonNull(expiresInMinutes, "expiresInMinutes"), storedLocale(locale));
        }
    }

    /** The stored form of the email verification email. */
    record EmailVerificationJson(String type, String platformName, String expiresAt, Integer expiresInHours,
                                 String locale) {
        static EmailVerificationJson of(EmailVerificationMail.Queued mail) {
            return new EmailVerificationJson(EmailVerificationMail.KIND, mail.platformName(),
                    mail.expiresAt().toString(), mail.expiresInHours(), tag(mail.locale()));
        }

        EmailVerificationMail.Queued toMail(EmailAddress to) {
            return new EmailVerificationMail.Queued(to, Objects.requireNonNull(platformName, "platformName"),
                    Instant.parse(Objects.requireNonNull(expiresAt, "expiresAt")),
                    Objects.requireNonNull(expiresInHours, "expiresInHours"), storedLocale(locale));
        }
    }

    /** The stored form of the member invitation email. */
    record MemberInvitationJson(String type, String platformName, String inviterName, String tenantName, String role,
                                String expiresAt, Integer expiresInDays, String locale) {
        static MemberInvitationJson of(MemberInvitationMail.Queued mail) {
            return new MemberInvitationJson(MemberInvitationMail.KIND, mail.platformName(), mail.inviterName(),
                    mail.tenantName(), mail.role().name(), mail.expiresAt().toString(), mail.expiresInDays(),
                    tag(mail.locale()));
        }

        MemberInvitationMail.Queued toMail(EmailAddress to) {
            return new MemberInvitationMail.Queued(to, Objects.requireNonNull(platformName, "platformName"),
                    Objects.requireNonNull(inviterName, "inviterName"), Objects.requireNonNull(tenantName, "tenantName"),
                    Role.valueOf(Objects.requireNonNull(role, "role")),
                    Instant.parse(Objects.requireNonNull(expiresAt, "expiresAt")),
                    Objects.requireNonNull(expiresInDays, "expiresInDays"), storedLocale(locale));
        }
    }

    /** The stored form of the "someone tried to sign up with your address" email. */
    record SignupAttemptJson(String type, String platformName, String locale) {
        static SignupAttemptJson of(SignupAttemptMail.Queued mail) {
            return new SignupAttemptJson(SignupAttemptMail.KIND, mail.platformName(), tag(mail.locale()));
        }

        SignupAttemptMail.Queued toMail(EmailAddress to) {
            return new SignupAttemptMail.Queued(to, Objects.requireNonNull(platformName, "platformName"),
                    storedLocale(locale));
        }
    }

    /** A mail's language as stored: absent (rows written before languages, or none chosen) is null. */
    private static String tag(LocaleTag locale) {
        return locale == null ? null : locale.value();
    }

    private static LocaleTag storedLocale(String stored) {
        return stored == null ? null : new LocaleTag(stored);
    }

    static String write(QueuedMail mail) {
        Object json = mail.accept(new QueuedMail.Visitor<Object>() {
            @Override
            public Object tenantInvitation(TenantInvitationMail.Queued invitation) {
                return TenantInvitationJson.of(invitation);
            }

            @Override
            public Object passwordReset(PasswordResetMail.Queued reset) {
                return PasswordResetJson.of(reset);
            }

            @Override
            public Object emailVerification(EmailVerificationMail.Queued verification) {
                return EmailVerificationJson.of(verification);
            }

            @Override
            public Object signupAttempt(SignupAttemptMail.Queued attempt) {
                return SignupAttemptJson.of(attempt);
            }

            @Override
            public Object memberInvitation(MemberInvitationMail.Queued invitation) {
                return MemberInvitationJson.of(invitation);
            }

            @Override
            public Object unreadable(QueuedMail.Unreadable unreadable) {
                throw new IllegalArgumentException("a message that could not be read is not stored again");
            }
        });
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a mail record could not be written as JSON", impossible);
        }
    }

    /**
     * @param kind      the row's {@code kind} column
     * @param createdAt when the row was written: a row in the URL-encoded format did not keep the
     *                  expiry instant, which was {@code expires_in_days} after it
     */
    static QueuedMail read(String kind, EmailAddress to, String data, Instant createdAt) {
        try {
            return data != null && data.startsWith("{") ? readJson(kind, to, data) : readEncoded(kind, to, data, createdAt);
        } catch (RuntimeException | JsonProcessingException incomplete) { // a missing field, a value that is not one
            return new QueuedMail.Unreadable(to, kind, "the data of the " + quoted(kind) + " email is incomplete ("
                    + incomplete.getClass().getSimpleName() + ")");
        }
    }

    private static QueuedMail readJson(String kind, EmailAddress to, String data) throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(data);
        String type = tree.path("type").asText(kind);
        if (TenantInvitationMail.KIND.equals(type)) {
            return MAPPER.treeToValue(tree, TenantInvitationJson.class).toMail(to);
        }
        if (PasswordResetMail.KIND.equals(type)) {
            return MAPPER.treeToValue(tree, PasswordResetJson.class).toMail(to);
        }
        if (EmailVerificationMail.KIND.equals(type)) {
            return MAPPER.treeToValue(tree, EmailVerificationJson.class).toMail(to);
        }
        if (MemberInvitationMail.KIND.equals(type)) {
            return MAPPER.treeToValue(tree, MemberInvitationJson.class).toMail(to);
        }
        if (SignupAttemptMail.KIND.equals(type)) {
            return MAPPER.treeToValue(tree, SignupAttemptJson.class).toMail(to);
        }
        return noTemplate(to, type);
    }

    /** The format before typed mail: URL-encoded text with snake_case keys. */
    private static QueuedMail readEncoded(String kind, EmailAddress to, String data, Instant createdAt) {
        if (!TenantInvitationMail.KIND.equals(kind)) {
            return noTemplate(to, kind);
        }
        Map<String, String> values = TextCodec.decodeMap(data);
        Set<PlatformPermission> granted = new java.util.HashSet<>();
        if (Boolean.parseBoolean(values.get("can_accept_payments"))) {
            granted.add(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        }
        if (Boolean.parseBoolean(values.get("can_use_custom_domain"))) {
            granted.add(PlatformPermission.CAN_USE_CUSTOM_DOMAIN);
        }
        int days = Integer.parseInt(values.get("expires_in_days"));
        return new TenantInvitationMail.Queued(to, values.get("platform_name"), values.get("inviter_name"),
                new SubscriptionTier(values.get("tier")), integerOrNull(values.get("max_users")),
                integerOrNull(values.get("max_resources")), granted, values.get("suggested_business_name"),
                createdAt.plus(Duration.ofDays(days)), days);
    }

    private static QueuedMail noTemplate(EmailAddress to, String kind) {
        return new QueuedMail.Unreadable(to, kind, "there is no template for emails of kind " + quoted(kind));
    }

    private static Integer integerOrNull(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    /** Something unknown, cut short and on one line, fit for an error message. */
    private static String quoted(String value) {
        String line = value == null ? "null" : value.replaceAll("\\p{Cntrl}", " ").strip();
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
    }
}
