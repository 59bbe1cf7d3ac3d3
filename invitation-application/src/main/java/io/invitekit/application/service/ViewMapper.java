package io.invitekit.application.service;

import io.invitekit.application.port.in.DeliveryView;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.membership.Membership;
import java.util.Map;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TierCatalog;
import java.time.Instant;
import java.util.List;

/** Domain objects to the read models of the inbound ports. */
final class ViewMapper {
    private final TierCatalog catalog;
    private final FeatureFlagRegistry flags;
    private final io.invitekit.domain.shared.LocaleTag defaultLocale;

    ViewMapper(TierCatalog catalog, FeatureFlagRegistry flags, io.invitekit.domain.shared.LocaleTag defaultLocale) {
        this.catalog = catalog;
        this.flags = flags;
        this.defaultLocale = defaultLocale;
    }

    /**
     * {@code inviter} may be null when the directory no longer knows them (the name kept with the
     * invitation is shown all the same); {@code delivery} when no email exists. The delivery's
     * error text is left out (see {@link #withoutErrorText}).
     */
    InvitationView invitation(TenantInvitation inv, UserProfile inviter, Delivery delivery, Instant now) {
        Limits effective = catalog.effective(inv.plan().tier(), inv.plan().customLimits());
        String name = inv.inviterName() != null ? inv.inviterName() : inviter == null ? null : inviter.displayName();
        InvitationView.Inviter by = new InvitationView.Inviter(inv.invitedBy(),
                inviter == null ? null : inviter.email().value(), name);
        DeliveryView deliveryView = delivery(delivery);
        return new InvitationView(inv.id(), inv.email().value(), inv.status(now), text(inv.suggestedBusinessName()),
                inv.plan().tier().name(), inv.plan().customLimits().maxUsers(), inv.plan().customLimits().maxResources(),
                effective.users().max(), effective.resources().max(), inv.plan().permissions().granted(),
                flags.states(inv.plan().featureFlags()), text(inv.reservedSubdomain()), by, inv.createdAt(),
                inv.expiresAt(), inv.acceptedAt(), inv.cancelledAt(), inv.createdTenant(), inv.createdUser(),
                inv.resendCount(), inv.lastSentAt(), deliveryView, localeOf(inv).value());
    }

    InvitationPreview preview(TenantInvitation inv, Instant now) {
        Limits effective = catalog.effective(inv.plan().tier(), inv.plan().customLimits());
        return new InvitationPreview(inv.email().value(), text(inv.suggestedBusinessName()), inv.plan().tier().name(),
                effective.users().max(), effective.resources().max(), inv.plan().permissions().granted(),
                flags.states(inv.plan().featureFlags()), text(inv.reservedSubdomain()),
                inv.inviterName(), inv.expiresAt(), inv.status(now), localeOf(inv).value());
    }

    /** An invitation made before languages existed speaks the deployment's default. */
    private io.invitekit.domain.shared.LocaleTag localeOf(TenantInvitation inv) {
        return inv.locale() != null ? inv.locale() : defaultLocale;
    }

    TenantView tenant(Tenant t, List<TenantView.Member> members, Memberships.Usage usage) {
        return tenant(t, members, null, usage);
    }

    /** {@code membersNextCursor}: where the paged member list goes on, null when {@code members} are all. */
    TenantView tenant(Tenant t, List<TenantView.Member> members, String membersNextCursor, Memberships.Usage usage) {
        Memberships.Usage used = usage == null ? Memberships.Usage.NONE : usage;
        return new TenantView(t.id(), t.name().value(), t.subdomain().value(), t.domain(), t.plan().tier().name(),
                t.limits().users().max(), t.limits().resources().max(), t.plan().permissions().granted(),
                flags.states(t.plan().featureFlags()), t.active(), text(t.contactEmail()), text(t.phone()),
                t.createdAt(), members, membersNextCursor,
                new TenantView.Usage(used.members(), used.pendingInvitations()));
    }

    /**
     * {@code inviter} may be null when the directory no longer knows them (the name kept with the
     * invitation is shown all the same); {@code delivery} when no email exists. The delivery's
     * error text is left out (see {@link #withoutErrorText}).
     */
    static MemberInvitationView memberInvitation(MemberInvitation inv, UserProfile inviter, Delivery delivery,
                                                 Instant now) {
        UserView by = inviter != null ? UserView.of(inviter)
                : new UserView(inv.invitedBy(), null, inv.inviterName(), null, null);
        return new MemberInvitationView(inv.id(), inv.tenantId(), inv.email().value(), inv.role(), inv.status(now), by,
                inv.createdAt(), inv.expiresAt(), inv.acceptedAt(), inv.cancelledAt(), inv.acceptedBy(),
                inv.resendCount(), inv.lastSentAt(), withoutErrorText(delivery(delivery)));
    }

    /**
     * A delivery as a tenant's owners and admins see it: its state and attempts, not the mail
     * server's words, which are the platform operator's business (they can name internal hosts).
     */
    private static DeliveryView withoutErrorText(DeliveryView delivery) {
        return delivery.lastError() == null ? delivery : new DeliveryView(delivery.state(), delivery.attempts(), null);
    }

    static DeliveryView delivery(Delivery delivery) {
        return delivery == null
                ? DeliveryView.QUEUED
                : new DeliveryView(delivery.state().name(), delivery.attempts(), delivery.lastError());
    }

    /** The members as the directory knows them, those it no longer knows by their id alone. */
    static List<TenantView.Member> members(List<Membership> members, UserDirectory directory) {
        Map<UserId, UserProfile> profiles = directory.profiles(members.stream().map(Membership::userId).toList());
        return members.stream()
                .map(m -> new TenantView.Member(user(m.userId(), profiles), m.role(), m.joinedAt()))
                .toList();
    }

    static UserView user(UserId id, Map<UserId, UserProfile> profiles) {
        UserProfile profile = profiles.get(id);
        return profile == null ? UserView.unknown(id) : UserView.of(profile);
    }

    static JoinCodeView joinCode(JoinCode code) {
        return new JoinCodeView(true, code.code().value(), code.code().display(), code.expiresAt(), code.maxUses(),
                code.uses());
    }

    private static String text(Name name) {
        return name == null ? null : name.value();
    }

    private static String text(Subdomain subdomain) {
        return subdomain == null ? null : subdomain.value();
    }

    private static String text(EmailAddress email) {
        return email == null ? null : email.value();
    }

    private static String text(Phone phone) {
        return phone == null ? null : phone.value();
    }
}
