package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.EventPayloads.CreateWebhookRequest;
import io.invitekit.adapter.http.dto.EventPayloads.UpdateWebhookRequest;
import io.invitekit.adapter.http.dto.EventPayloads.WebhookDeliveryResponse;
import io.invitekit.adapter.http.dto.EventPayloads.WebhookResponse;
import io.invitekit.adapter.http.dto.EventPayloads.WebhookWithSecretResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.NewWebhook;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.WebhookChange;
import io.invitekit.application.port.in.WebhookDeliveryView;
import io.invitekit.application.port.in.WebhookUseCase;
import io.invitekit.application.port.in.WebhookView;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Webhook endpoints, their deliveries, replays, secret rotation and test events: the platform's
 * under {@code /api/platform/webhooks}, a tenant's under {@code /api/tenants/{id}/webhooks}. The
 * same handlers serve both; the scope (a tenant id or none) is all that differs. The secret is in
 * the answers to create and rotate only; like every {@code /api} answer they carry
 * {@code Cache-Control: no-store}, and the request log writes no bodies.
 */
final class JavalinWebhookRoutes {
    private final Invitekit kit;
    private final Bodies bodies;

    JavalinWebhookRoutes(Invitekit kit, Bodies bodies) {
        this.kit = kit;
        this.bodies = bodies;
    }

    void register(Routes routes) {
        register(routes, "/api/platform/webhooks", "id", ctx -> null);
        register(routes, "/api/tenants/{id}/webhooks", "webhook", JavalinWebhookRoutes::tenantId);
    }

    private void register(Routes routes, String base, String idParam, Function<Context, TenantId> scope) {
        String item = base + "/{" + idParam + "}";
        routes.post(base, ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            TenantId tenant = scope.apply(ctx);
            CreateWebhookRequest b = bodies.read(ctx, CreateWebhookRequest.class);
            NewWebhook webhook = new NewWebhook(b.url(), names(b.eventTypes()), b.description(),
                    b.enabled() == null || b.enabled());
            Json.reply(ctx.status(201), WebhookWithSecretResponse.of(webhooks().create(actor, tenant, webhook)));
        });
        routes.get(base, ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Page<WebhookView> page = webhooks().list(actor, scope.apply(ctx), Queries.page(ctx));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(WebhookResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.get(item, ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx, WebhookResponse.of(webhooks().get(actor, scope.apply(ctx), id(ctx, idParam))));
        });
        routes.patch(item, ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            TenantId tenant = scope.apply(ctx);
            UUID webhook = id(ctx, idParam);
            UpdateWebhookRequest b = bodies.read(ctx, UpdateWebhookRequest.class);
            WebhookChange change = new WebhookChange(b.url(), b.eventTypes() == null ? null : names(b.eventTypes()),
                    b.description(), b.enabled());
            Json.reply(ctx, WebhookResponse.of(webhooks().update(actor, tenant, webhook, change)));
        });
        routes.delete(item, ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            webhooks().delete(actor, scope.apply(ctx), id(ctx, idParam));
            ctx.status(204);
        });
        routes.get(item + "/deliveries", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Page<WebhookDeliveryView> page = webhooks().deliveries(actor, scope.apply(ctx), id(ctx, idParam),
                    Queries.page(ctx));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(WebhookDeliveryResponse::of).toList(),
                    page.nextCursor()));
        });
        routes.post(item + "/deliveries/{delivery}/replay", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            UUID delivery = uuid(ctx.pathParam("delivery"), "no such delivery");
            Json.reply(ctx.status(201), WebhookDeliveryResponse.of(
                    webhooks().replay(actor, scope.apply(ctx), id(ctx, idParam), delivery)));
        });
        routes.post(item + "/rotate-secret", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx, WebhookWithSecretResponse.of(
                    webhooks().rotateSecret(actor, scope.apply(ctx), id(ctx, idParam))));
        });
        routes.post(item + "/test", ctx -> {
            Actor actor = Authentication.requireActor(ctx);
            Json.reply(ctx.status(202), WebhookDeliveryResponse.of(
                    webhooks().sendTest(actor, scope.apply(ctx), id(ctx, idParam))));
        });
    }

    private WebhookUseCase webhooks() {
        return kit.webhooks();
    }

    private static Set<String> names(List<String> eventTypes) {
        return eventTypes == null ? Set.of() : new LinkedHashSet<>(eventTypes);
    }

    /** A malformed id names no tenant: {@code not_found}, as an unknown one. */
    private static TenantId tenantId(Context ctx) {
        return TenantId.parse(ctx.pathParam("id"))
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no such tenant"));
    }

    private static UUID id(Context ctx, String param) {
        return uuid(ctx.pathParam(param), "no such webhook");
    }

    private static UUID uuid(String text, String notFound) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException malformed) {
            throw new RuleViolationException(ErrorCode.NOT_FOUND, notFound);
        }
    }
}
