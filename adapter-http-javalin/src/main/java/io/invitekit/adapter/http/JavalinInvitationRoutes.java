package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.InvitationPayloads.AcceptInvitationRequest;
import io.invitekit.adapter.http.dto.InvitationPayloads.CreateInvitationRequest;
import io.invitekit.adapter.http.dto.InvitationPayloads.InvitationResponse;
import io.invitekit.adapter.http.dto.InvitationPayloads.PreviewResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.AcceptResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.AvailabilityResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase.AcceptCommand;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantInvitationUseCase.CreateCommand;
import io.invitekit.application.port.in.TenantInvitationUseCase.ListQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/** Tenant invitations: the platform admins' side, and the invited owner's link. */
final class JavalinInvitationRoutes {
    private static final String BASE = "/api/platform/tenant-invitations";

    private final Invitekit kit;
    private final Bodies bodies;
    private final HttpRateLimits limits;
    private final ClientAddress clients;

    JavalinInvitationRoutes(Invitekit kit, Bodies bodies, HttpRateLimits limits, ClientAddress clients) {
        this.kit = kit;
        this.bodies = bodies;
        this.limits = limits;
        this.clients = clients;
    }

    void register(RoutesConfig routes) {
        routes.post(BASE, ctx -> {
            CreateInvitationRequest b = bodies.read(ctx, CreateInvitationRequest.class);
            InvitationView created = kit.invitations().create(new CreateCommand(Authentication.requireUser(ctx),
                    b.email(), b.suggestedBusinessName(), b.subscriptionTier(), b.customMaxUsers(),
                    b.customMaxResources(), b.permissions(), b.featureFlags(), b.expiresInDays(), b.reservedSubdomain()));
            ctx.status(201).json(InvitationResponse.of(created));
        });
        routes.get(BASE, ctx -> {
            Page<InvitationView> page = kit.invitations().list(new ListQuery(Authentication.requireUser(ctx),
                    ctx.queryParam("status"), ctx.queryParam("email"), Queries.page(ctx)));
            ctx.json(new PageResponse<>(page.items().stream().map(InvitationResponse::of).toList(), page.nextCursor()));
        });
        routes.get(BASE + "/{id}", ctx -> ctx.json(InvitationResponse.of(
                kit.invitations().get(Authentication.requireUser(ctx), ctx.pathParam("id")))));
        routes.post(BASE + "/{id}/resend", ctx -> ctx.json(InvitationResponse.of(
                kit.invitations().resend(Authentication.requireUser(ctx), ctx.pathParam("id")))));
        routes.delete(BASE + "/{id}", ctx -> ctx.json(InvitationResponse.of(
                kit.invitations().cancel(Authentication.requireUser(ctx), ctx.pathParam("id")))));

        Handler preview = ctx -> {
            limits.invitationLink(clients.of(ctx));
            ctx.json(PreviewResponse.of(kit.acceptance().preview(ctx.pathParam("token"))));
        };
        routes.get(BASE + "/token/{token}", preview);
        routes.head(BASE + "/token/{token}", preview);
        routes.post(BASE + "/token/{token}/accept", ctx -> {
            limits.invitationLink(clients.of(ctx));
            AcceptInvitationRequest b = bodies.read(ctx, AcceptInvitationRequest.class);
            ctx.status(201).json(AcceptResponse.of(kit.acceptance().accept(new AcceptCommand(ctx.pathParam("token"),
                    b.password(), b.firstName(), b.lastName(), b.businessName(), b.subdomain(), b.contactEmail(),
                    b.phone()))));
        });

        routes.get("/api/platform/subdomains/{name}/availability", ctx ->
                ctx.json(AvailabilityResponse.of(kit.subdomains().check(ctx.pathParam("name")))));
    }
}
