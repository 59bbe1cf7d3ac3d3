package io.invitekit.adapter.http;

import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.adapter.http.dto.MemberPayloads.AcceptMemberInvitationRequest;
import io.invitekit.adapter.http.dto.MemberPayloads.ChangeRoleRequest;
import io.invitekit.adapter.http.dto.MemberPayloads.InviteMemberRequest;
import io.invitekit.adapter.http.dto.MemberPayloads.MemberAcceptResponse;
import io.invitekit.adapter.http.dto.MemberPayloads.MemberInvitationPreviewResponse;
import io.invitekit.adapter.http.dto.MemberPayloads.MemberInvitationResponse;
import io.invitekit.adapter.http.dto.MemberPayloads.TransferOwnershipRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.JoinResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.MemberResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.MemberView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.TenantId;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * A tenant's members: invitations by email with a role, the link's preview and accept, the member
 * list, role changes, removal, leaving and the transfer of ownership. Who may do what is the
 * application's; this class only translates.
 */
final class JavalinMemberRoutes {
    private static final String TENANT = "/api/tenants/{id}";
    private static final String LINK = "/api/invitations/token/{token}";

    private final Invitekit kit;
    private final Bodies bodies;
    private final ClientAddress clients;

    JavalinMemberRoutes(Invitekit kit, Bodies bodies, ClientAddress clients) {
        this.kit = kit;
        this.bodies = bodies;
        this.clients = clients;
    }

    void register(Routes routes) {
        routes.post(TENANT + "/invitations", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            InviteMemberRequest b = bodies.read(ctx, InviteMemberRequest.class);
            MemberInvitationView invited = kit.members().invite(actor, tenantId(ctx),
                    NewMemberInvitation.to(b.email()).role(b.role()).expiresInDays(b.expiresInDays()));
            Json.reply(ctx.status(201), MemberInvitationResponse.of(invited));
        });
        routes.get(TENANT + "/invitations", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Page<MemberInvitationView> page = kit.members().invitations(actor, tenantId(ctx), InvitationQuery.all()
                    .status(ctx.queryParam("status")).email(ctx.queryParam("email")).page(Queries.page(ctx)));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(MemberInvitationResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.post(TENANT + "/invitations/{invitation}/resend", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx, MemberInvitationResponse.of(kit.members().resend(actor, tenantId(ctx), invitationId(ctx))));
        });
        routes.delete(TENANT + "/invitations/{invitation}", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx, MemberInvitationResponse.of(kit.members().revoke(actor, tenantId(ctx), invitationId(ctx))));
        });

        routes.get(LINK, ctx -> Json.reply(ctx, MemberInvitationPreviewResponse.of(
                kit.members().preview(ctx.pathParam("token"), clients.of(ctx)))));
        routes.post(LINK + "/accept", this::accept);

        routes.get(TENANT + "/members", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Page<MemberView> page = kit.members().members(actor, tenantId(ctx), Queries.page(ctx));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(MemberResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.get("/api/platform/tenants/{id}/members", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Page<MemberView> page = kit.members().platformMembers(actor, tenantId(ctx), Queries.page(ctx));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(MemberResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.patch(TENANT + "/members/{user}", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            ChangeRoleRequest b = bodies.read(ctx, ChangeRoleRequest.class);
            Json.reply(ctx, MemberResponse.of(kit.members().changeRole(actor, tenantId(ctx), memberId(ctx),
                    role(b.role()))));
        });
        routes.delete(TENANT + "/members/{user}", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            kit.members().remove(actor, tenantId(ctx), memberId(ctx));
            ctx.status(204);
        });
        routes.post(TENANT + "/leave", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            kit.members().leave(actor, tenantId(ctx));
            ctx.status(204);
        });
        routes.post(TENANT + "/transfer-ownership", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            TransferOwnershipRequest b = bodies.read(ctx, TransferOwnershipRequest.class);
            UserId newOwner = UserId.parse(b.userId())
                    .orElseThrow(() -> ValidationException.of("userId", "must be a user id"));
            Json.reply(ctx, MemberResponse.of(kit.members().transferOwnership(actor, tenantId(ctx), newOwner)));
        });
    }

    /**
     * The body tells the two ways apart. Without one, the signed-in caller accepts: with
     * Invitekit's own accounts as that account (the application compares its email), else as the
     * host's user whose verified email the host's bridge gives. With one (Invitekit's own accounts
     * only), its password signs in to the account with the invitation's email or makes a new one,
     * whoever is signed in: someone signed in as another account can still accept for the invited
     * address.
     */
    private void accept(Context ctx) {
        String token = ctx.pathParam("token");
        boolean withBody = !ctx.body().isBlank();
        if (kit.hasAccounts()) {
            if (withBody) {
                AcceptMemberInvitationRequest b = bodies.read(ctx, AcceptMemberInvitationRequest.class);
                OwnerCredentials credentials = OwnerCredentials.password(b.password()).name(b.firstName(), b.lastName());
                Json.reply(ctx, MemberAcceptResponse.of(
                        kit.accounts().acceptMemberInvitation(token, credentials, clients.of(ctx))));
                return;
            }
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx, JoinResponse.of(kit.accounts().acceptMemberInvitation(actor, token, clients.of(ctx))));
            return;
        }
        Caller caller = Authentication.requireCaller(ctx);
        if (withBody) {
            throw ValidationException.of("password", "the host signs its users in: accept signed in, without a body");
        }
        if (caller.verifiedEmail() == null) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "accepting needs a verified email address");
        }
        Json.reply(ctx, JoinResponse.of(kit.members().accept(
                new VerifiedUser(caller.actor().id(), caller.verifiedEmail()), token, clients.of(ctx))));
    }

    /** A role by name, any case; which roles may be given is the application's to say. */
    private static Role role(String name) {
        try {
            return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ValidationException.of("role", "role is one of OWNER, ADMIN, MEMBER");
        }
    }

    /** A malformed id names no tenant: {@code not_found}, as an unknown one. */
    private static TenantId tenantId(Context ctx) {
        return TenantId.parse(ctx.pathParam("id"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such tenant"));
    }

    private static MemberInvitationId invitationId(Context ctx) {
        return MemberInvitationId.parse(ctx.pathParam("invitation"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such invitation"));
    }

    private static UserId memberId(Context ctx) {
        return UserId.parse(ctx.pathParam("user"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such member"));
    }
}
