package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.EventPayloads.AuditEventResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuditEventView;
import io.invitekit.application.port.in.AuditQuery;
import io.invitekit.application.port.in.Page;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;
import io.javalin.http.Context;

/**
 * The audit log, newest first: every event for platform admins, a tenant's for its owners and
 * admins. The filters are read here (a malformed one is a field error, 422); who may read what is
 * the application's.
 */
final class JavalinAuditRoutes {
    private final Invitekit kit;

    JavalinAuditRoutes(Invitekit kit) {
        this.kit = kit;
    }

    void register(Routes routes) {
        routes.get("/api/platform/audit-events", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            reply(ctx, kit.audit().platformEvents(actor, query(ctx)));
        });
        routes.get("/api/platform/tenants/{id}/audit-events", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            reply(ctx, kit.audit().platformTenantEvents(actor, tenantIdOf(ctx), query(ctx)));
        });
        routes.get("/api/tenants/{id}/audit-events", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            TenantId tenant = TenantId.parse(ctx.pathParam("id"))
                    .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such tenant"));
            reply(ctx, kit.audit().tenantEvents(actor, tenant, query(ctx)));
        });
    }

    /** A malformed id names no tenant: {@code not_found}, as an unknown one. */
    private static TenantId tenantIdOf(Context ctx) {
        return TenantId.parse(ctx.pathParam("id"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such tenant"));
    }

    private static AuditQuery query(Context ctx) {
        return AuditQuery.builder().types(Queries.repeated(ctx, "type")).actor(Queries.userId(ctx, "actor"))
                .from(Queries.instant(ctx, "from")).to(Queries.instant(ctx, "to")).page(Queries.page(ctx)).build();
    }

    private static void reply(Context ctx, Page<AuditEventView> page) {
        Json.reply(ctx, new PageResponse<>(page.items().stream().map(AuditEventResponse::of).toList(),
                page.nextCursor()));
    }
}
