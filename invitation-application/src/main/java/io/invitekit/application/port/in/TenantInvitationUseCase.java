package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import java.util.Map;

/** What platform admins do with tenant invitations. Every call checks the actor is a platform admin. */
public interface TenantInvitationUseCase {

    /** Creates a PENDING invitation and queues its email in the same transaction. */
    InvitationView create(CreateCommand command);

    Page<InvitationView> list(ListQuery query);

    InvitationView get(UserId actor, String invitationId);

    /** A new token and lifetime; the email is queued again. */
    InvitationView resend(UserId actor, String invitationId);

    InvitationView cancel(UserId actor, String invitationId);

    /** Optional fields may be null; permissions and feature flags map wire names to booleans. */
    record CreateCommand(
            UserId actor,
            String email,
            String suggestedBusinessName,
            String subscriptionTier,
            Integer customMaxUsers,
            Integer customMaxResources,
            Map<String, Boolean> permissions,
            Map<String, Boolean> featureFlags,
            Integer expiresInDays,
            String reservedSubdomain) {
    }

    /** {@code status} and {@code email} filter when given. */
    record ListQuery(UserId actor, String status, String email, PageRequest page) {
    }
}
