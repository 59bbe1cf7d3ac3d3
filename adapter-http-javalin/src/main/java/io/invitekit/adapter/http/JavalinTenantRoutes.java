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
import io.invitekit.application.port.in.JoinCodeUseCase.JoinCommand;
import io.invitekit.application.port.in.JoinCodeUseCase.RotateCommand;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantUseCase.CreateCommand;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.PlatformPermission;
import io.javalin.config.RoutesConfig;

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

    void register(RoutesConfig routes) {
        routes.get("/api/platform/tenants", ctx -> {
            Page<TenantView> page = kit.tenants().list(Authentication.requireUser(ctx), Queries.bool(ctx, "active"),
                    Queries.page(ctx));
            ctx.json(new PageResponse<>(page.items().stream().map(t -> TenantResponse.of(t, false)).toList(),
                    page.nextCursor()));
        });
        routes.post("/api/platform/tenants/{id}/deactivate", ctx -> ctx.json(TenantResponse.of(
                kit.tenants().setActive(Authentication.requireUser(ctx), ctx.pathParam("id"), false), false)));
        routes.post("/api/platform/tenants/{id}/activate", ctx -> ctx.json(TenantResponse.of(
                kit.tenants().setActive(Authentication.requireUser(ctx), ctx.pathParam("id"), true), false)));

        routes.post("/api/tenants", ctx -> {
            CreateTenantRequest b = bodies.read(ctx, CreateTenantRequest.class);
            ctx.status(201).json(TenantResponse.of(kit.tenants().create(new CreateCommand(
                    Authentication.requireUser(ctx), b.name(), b.subdomain(), b.contactEmail(), b.phone())), true));
        });
        routes.get("/api/tenants/{id}", ctx -> ctx.json(TenantResponse.of(
                kit.tenants().get(Authentication.requireUser(ctx), ctx.pathParam("id")), true)));

        routes.get("/api/tenants/{id}/invite-code", ctx -> ctx.json(JoinCodeResponse.of(
                kit.joinCodes().view(Authentication.requireUser(ctx), ctx.pathParam("id")))));
        routes.post("/api/tenants/{id}/invite-code/rotate", ctx -> {
            RotateCodeRequest b = bodies.readOrDefault(ctx, RotateCodeRequest.class, new RotateCodeRequest(null, null));
            ctx.json(JoinCodeResponse.of(kit.joinCodes().rotate(new RotateCommand(Authentication.requireUser(ctx),
                    ctx.pathParam("id"), b.validForHours(), b.maxUses()))));
        });
        routes.delete("/api/tenants/{id}/invite-code", ctx -> {
            kit.joinCodes().disable(Authentication.requireUser(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });

        routes.post("/api/tenants/{id}/payment-onboarding", ctx -> {
            UserId owner = Authentication.requireUser(ctx);
            TenantView tenant = payingTenantOwnedBy(owner, ctx.pathParam("id"));
            ctx.json(new PaymentOnboardingResponse(kit.paymentOnboarding().begin(tenant.id(), owner)
                    .map(Object::toString).orElse(null)));
        });

        routes.post("/api/join", ctx -> {
            JoinRequest b = bodies.read(ctx, JoinRequest.class);
            ctx.json(JoinResponse.of(kit.joinCodes().join(
                    new JoinCommand(Authentication.requireUser(ctx), b.code(), clients.of(ctx)))));
        });
    }

    /** The tenant, when the caller owns it and it may accept payments; else why not. */
    private TenantView payingTenantOwnedBy(UserId caller, String tenantId) {
        TenantView tenant = kit.tenants().get(caller, tenantId); // not a member: not_found
        boolean owner = tenant.members().stream()
                .anyMatch(m -> m.user().id().equals(caller) && m.role() == Role.OWNER);
        if (!owner) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only the tenant's owner may set up payments");
        }
        if (!Boolean.TRUE.equals(tenant.permissions().get(PlatformPermission.CAN_ACCEPT_PAYMENTS.wireName()))) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "this tenant may not accept payments");
        }
        if (!tenant.active()) {
            throw new RuleViolationException(ErrorCode.TENANT_INACTIVE, "the tenant is deactivated");
        }
        return tenant;
    }
}
