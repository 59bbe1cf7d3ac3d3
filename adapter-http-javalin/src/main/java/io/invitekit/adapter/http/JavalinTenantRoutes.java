package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.TenantPayloads.CreateTenantRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.JoinCodeResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.JoinRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.JoinResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PaymentOnboardingResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.RotateCodeRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.TenantResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantQuery;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;
import io.javalin.http.Context;

/** Tenants, their join codes, and joining with one. */
final class JavalinTenantRoutes {
    private final Invitekit kit;
    private final Bodies bodies;
    private final ClientAddress clients;

    JavalinTenantRoutes(Invitekit kit, Bodies bodies, ClientAddress clients) {
        this.kit = kit;
        this.bodies = bodies;
        this.clients = clients;
    }

    void register(Routes routes) {
        routes.get("/api/platform/tenants", ctx -> {
            Boolean active = Queries.bool(ctx, "active");
            TenantQuery query = TenantQuery.all().page(Queries.page(ctx)).search(ctx.queryParam("q"));
            Page<TenantView> page = kit.tenants().list(Authentication.requireActor(ctx),
                    active == null ? query : query.active(active));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(t -> TenantResponse.of(t, false)).toList(),
                    page.nextCursor()));
        });
        routes.post("/api/platform/tenants/{id}/deactivate", ctx -> Json.reply(ctx, TenantResponse.of(
                kit.tenants().setActive(Authentication.requireActor(ctx), tenantId(ctx), false), false)));
        routes.post("/api/platform/tenants/{id}/activate", ctx -> Json.reply(ctx, TenantResponse.of(
                kit.tenants().setActive(Authentication.requireActor(ctx), tenantId(ctx), true), false)));

        routes.post("/api/tenants", ctx -> {
            CreateTenantRequest b = bodies.read(ctx, CreateTenantRequest.class);
            Json.reply(ctx.status(201), TenantResponse.of(kit.tenants().create(Authentication.requireActor(ctx),
                    NewTenant.named(b.name()).subdomain(b.subdomain()).contactEmail(b.contactEmail()).phone(b.phone())),
                    true));
        });
        routes.get("/api/tenants/{id}", ctx -> Json.reply(ctx, TenantResponse.of(
                kit.tenants().get(Authentication.requireActor(ctx), tenantId(ctx)), true)));

        routes.get("/api/tenants/{id}/invite-code", ctx -> Json.reply(ctx, JoinCodeResponse.of(
                kit.joinCodes().view(Authentication.requireActor(ctx), tenantId(ctx)))));
        routes.post("/api/tenants/{id}/invite-code/rotate", ctx -> {
            RotateCodeRequest b = bodies.readOrDefault(ctx, RotateCodeRequest.class, RotateCodeRequest.NO_LIMITS);
            Json.reply(ctx, JoinCodeResponse.of(kit.joinCodes().rotate(Authentication.requireActor(ctx), tenantId(ctx),
                    CodeRotation.limits().validForHours(b.validForHours()).maxUses(b.maxUses()))));
        });
        routes.delete("/api/tenants/{id}/invite-code", ctx -> {
            kit.joinCodes().disable(Authentication.requireActor(ctx), tenantId(ctx));
            ctx.status(204);
        });

        routes.post("/api/tenants/{id}/payment-onboarding", ctx -> Json.reply(ctx, new PaymentOnboardingResponse(
                kit.payments().begin(Authentication.requireActor(ctx), tenantId(ctx)).map(Object::toString).orElse(null))));

        routes.post("/api/join", ctx -> {
            JoinRequest b = bodies.read(ctx, JoinRequest.class);
            Json.reply(ctx, JoinResponse.of(kit.joinCodes().join(Authentication.requireActor(ctx),
                    JoinWithCode.code(b.code()).from(clients.of(ctx)))));
        });
    }

    /** A malformed id names no tenant: {@code not_found}, as an unknown one. */
    private static TenantId tenantId(Context ctx) {
        return TenantId.parse(ctx.pathParam("id"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such tenant"));
    }
}
