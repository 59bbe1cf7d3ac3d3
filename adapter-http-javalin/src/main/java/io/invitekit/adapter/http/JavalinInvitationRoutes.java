package io.invitekit.adapter.http;

import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.adapter.http.dto.InvitationPayloads.AcceptAsUserRequest;
import io.invitekit.adapter.http.dto.InvitationPayloads.AcceptInvitationRequest;
import io.invitekit.adapter.http.dto.InvitationPayloads.CreateInvitationRequest;
import io.invitekit.adapter.http.dto.InvitationPayloads.InvitationResponse;
import io.invitekit.adapter.http.dto.InvitationPayloads.PreviewResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.AcceptResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.AcceptedResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.AvailabilityResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.TenantResponse;
import io.invitekit.adapter.http.dto.WireNames;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.TenantId;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Tenant invitations: the platform admins' side, and the invited owner's link. */
final class JavalinInvitationRoutes {
    private static final String BASE = "/api/platform/tenant-invitations";

    private final Invitekit kit;
    private final Bodies bodies;
    private final ClientAddress clients;

    JavalinInvitationRoutes(Invitekit kit, Bodies bodies, ClientAddress clients) {
        this.kit = kit;
        this.bodies = bodies;
        this.clients = clients;
    }

    void register(Routes routes) {
        routes.post(BASE, ctx -> {
            CreateInvitationRequest b = bodies.read(ctx, CreateInvitationRequest.class);
            InvitationView created = kit.invitations().create(Authentication.requireActor(ctx), invitation(b));
            Json.reply(ctx.status(201), InvitationResponse.of(created));
        });
        routes.get(BASE, ctx -> {
            Page<InvitationView> page = kit.invitations().list(Authentication.requireActor(ctx), InvitationQuery.all()
                    .status(ctx.queryParam("status")).email(ctx.queryParam("email")).search(ctx.queryParam("q")).page(Queries.page(ctx)));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(InvitationResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.get(BASE + "/{id}", ctx -> Json.reply(ctx, InvitationResponse.of(
                kit.invitations().get(Authentication.requireActor(ctx), id(ctx)))));
        routes.post(BASE + "/{id}/resend", ctx -> Json.reply(ctx, InvitationResponse.of(
                kit.invitations().resend(Authentication.requireActor(ctx), id(ctx)))));
        routes.delete(BASE + "/{id}", ctx -> Json.reply(ctx, InvitationResponse.of(
                kit.invitations().cancel(Authentication.requireActor(ctx), id(ctx)))));

        routes.get(BASE + "/token/{token}", ctx -> Json.reply(ctx, PreviewResponse.of(
                kit.acceptance().preview(ctx.pathParam("token"), clients.of(ctx)))));
        routes.post(BASE + "/token/{token}/accept", this::accept);
        routes.get(BASE + "/token/{token}/tenant", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            TenantId created = kit.acceptance().createdTenant(actor, ctx.pathParam("token"), clients.of(ctx));
            Json.reply(ctx, TenantResponse.of(kit.tenants().get(actor, created), true));
        });

        routes.get("/api/platform/subdomains/{name}/availability", ctx ->
                Json.reply(ctx, AvailabilityResponse.of(kit.subdomains().check(ctx.pathParam("name")))));
    }

    /**
     * With Invitekit's own accounts, the owner accepts with a password (their account's, or a new
     * one's); with the host's identity, as the signed-in caller whose verified email is the
     * invitation's.
     */
    private void accept(Context ctx) {
        AcceptInvitation.Builder acceptance = AcceptInvitation.token(ctx.pathParam("token")).from(clients.of(ctx))
                .agent(ctx.userAgent());
        if (kit.hasAccounts()) {
            AcceptInvitationRequest b = bodies.read(ctx, AcceptInvitationRequest.class);
            acceptance.businessName(b.businessName()).subdomain(b.subdomain()).contactEmail(b.contactEmail())
                    .phone(b.phone());
            OwnerCredentials credentials = OwnerCredentials.password(b.password()).name(b.firstName(), b.lastName());
            Json.reply(ctx.status(201), AcceptResponse.of(kit.accounts().acceptInvitation(acceptance, credentials)));
            return;
        }
        Caller caller = Authentication.requireCaller(ctx);
        if (caller.verifiedEmail() == null) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "accepting needs a verified email address");
        }
        AcceptAsUserRequest b = bodies.read(ctx, AcceptAsUserRequest.class);
        acceptance.businessName(b.businessName()).subdomain(b.subdomain()).contactEmail(b.contactEmail()).phone(b.phone());
        Json.reply(ctx.status(201), AcceptedResponse.of(kit.acceptance().accept(
                new VerifiedUser(caller.actor().id(), caller.verifiedEmail()), acceptance)));
    }

    /** The body's wire names to the core's values; unknown permission names are refused with the rest. */
    private static NewTenantInvitation.Builder invitation(CreateInvitationRequest b) {
        NewTenantInvitation.Builder invitation = NewTenantInvitation.to(b.email())
                .businessName(b.suggestedBusinessName())
                .tier(b.subscriptionTier())
                .customMaxUsers(b.customMaxUsers())
                .customMaxResources(b.customMaxResources())
                .featureFlags(b.featureFlags())
                .expiresInDays(b.expiresInDays())
                .reserveSubdomain(b.reservedSubdomain())
                .locale(b.locale());
        Set<PlatformPermission> granted = EnumSet.noneOf(PlatformPermission.class);
        if (b.permissions() != null) {
            for (Map.Entry<String, Boolean> entry : b.permissions().entrySet()) {
                var permission = WireNames.permission(entry.getKey());
                if (permission.isEmpty()) {
                    invitation.reject("permissions", "unknown permission \"" + entry.getKey() + "\"");
                } else if (Boolean.TRUE.equals(entry.getValue())) {
                    granted.add(permission.get());
                }
            }
        }
        return invitation.permissions(granted);
    }

    private static InvitationId id(Context ctx) {
        return InvitationId.parse(ctx.pathParam("id"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such invitation"));
    }
}
