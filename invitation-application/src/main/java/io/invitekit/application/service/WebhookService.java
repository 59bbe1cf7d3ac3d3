package io.invitekit.application.service;

import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CreatedWebhook;
import io.invitekit.application.port.in.DeliveryUseCase.WebhookReport;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.NewWebhook;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.WebhookChange;
import io.invitekit.application.port.in.WebhookDeliveryView;
import io.invitekit.application.port.in.WebhookUseCase;
import io.invitekit.application.port.in.WebhookView;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.SecretBox;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.application.port.out.WebhookDeliveries;
import io.invitekit.application.port.out.WebhookDelivery;
import io.invitekit.application.port.out.WebhookEndpoint;
import io.invitekit.application.port.out.WebhookEndpoints;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.TenantPermission;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.Text;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook endpoints (who may manage which, their secrets), the fan-out of dispatched events into
 * deliveries, and the delivery step: sign, send, record the attempt, retry on the policy's
 * schedule, keep each endpoint's health.
 */
public final class WebhookService implements WebhookUseCase, EventFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    /** The type of a test delivery: not an event of the log, so not an {@link EventType}. */
    public static final String TEST_EVENT_TYPE = "webhook.test";
    static final int MAX_URL_LENGTH = 2000;
    static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final int SECRET_BYTES = 32;
    private static final int UPDATE_TRIES = 10;

    private final RequestLimits limits; // null: test events and replays unlimited
    private final ServiceContext context;
    private final Transactions transactions;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Access access;
    private final SecretBox secrets;
    private final WebhookSender sender;
    private final String worker = "webhooks-" + UUID.randomUUID();

    public WebhookService(ServiceContext context, Transactions transactions, WebhookEndpoints endpoints,
                          WebhookDeliveries deliveries, Memberships memberships, SecretBox secrets,
                          WebhookSender sender) {
        this(context, transactions, endpoints, deliveries, memberships, secrets, sender, null);
    }

    /** With {@code limits} (null: none), test events and replays are limited per person. */
    public WebhookService(ServiceContext context, Transactions transactions, WebhookEndpoints endpoints,
                          WebhookDeliveries deliveries, Memberships memberships, SecretBox secrets,
                          WebhookSender sender, RequestLimits limits) {
        this.limits = limits;
        this.context = context;
        this.transactions = transactions;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.access = new Access(memberships);
        this.secrets = secrets;
        this.sender = sender;
    }

    /** Each test event and replay is a request the shared sender makes: a script must not flood its queue. */
    private void limitManualDeliveries(Actor actor) {
        if (limits != null) {
            limits.manualWebhookDelivery(actor.id().toString());
        }
    }

    // ---- endpoints ----

    /** Endpoints one tenant may have. */
    public static final int MAX_TENANT_ENDPOINTS = 20;
    /** Endpoints the platform may have. */
    public static final int MAX_PLATFORM_ENDPOINTS = 100;

    @Override
    public CreatedWebhook create(Actor actor, TenantId tenant, NewWebhook webhook) {
        requireManager(actor, tenant);
        FieldErrors inputs = new FieldErrors();
        URI url = url(webhook.url(), inputs);
        Set<String> types = eventTypes(webhook.eventTypes(), inputs);
        String description = description(webhook.description(), inputs);
        inputs.throwIfAny();
        int cap = tenant == null ? MAX_PLATFORM_ENDPOINTS : MAX_TENANT_ENDPOINTS;
        if (endpoints.list(tenant, null, cap).size() >= cap) {
            // Each endpoint costs the shared sender time on every event: one tenant must not crowd out the rest.
            throw new RuleViolationException(ErrorCode.WEBHOOK_LIMIT_REACHED,
                    "at most " + cap + " webhook endpoints; delete one first");
        }
        byte[] key = newKey();
        Instant now = context.now();
        WebhookEndpoint endpoint = new WebhookEndpoint(context.ids().next(), tenant, url, types, description,
                webhook.enabled(), WebhookEndpoint.Health.ACTIVE, 0, null, secrets.seal(key), null, null, 0, now, now);
        transactions.run(() -> {
            endpoints.add(endpoint);
            context.audit(now, actor.id(), EventType.WEBHOOK_ENDPOINT_CREATED, tenant, endpoint.id(), details(endpoint));
        });
        return new CreatedWebhook(view(endpoint), WebhookSignatures.secretText(key));
    }

    @Override
    public Page<WebhookView> list(Actor actor, TenantId tenant, PageRequest page) {
        requireManager(actor, tenant);
        FieldErrors inputs = new FieldErrors();
        Pages.Slice slice = Pages.parse(page, inputs);
        inputs.throwIfAny();
        return Pages.page(endpoints.list(tenant, slice.after(), slice.fetchSize()), slice, WebhookEndpoint::id,
                shown -> shown.stream().map(WebhookService::view).toList());
    }

    @Override
    public WebhookView get(Actor actor, TenantId tenant, UUID webhook) {
        requireManager(actor, tenant);
        return view(endpointOf(tenant, webhook));
    }

    @Override
    public WebhookView update(Actor actor, TenantId tenant, UUID webhook, WebhookChange change) {
        requireManager(actor, tenant);
        FieldErrors inputs = new FieldErrors();
        URI url = change.url() == null ? null : url(change.url(), inputs);
        Set<String> types = change.eventTypes() == null ? null : eventTypes(change.eventTypes(), inputs);
        String description = change.description() == null ? null : description(change.description(), inputs);
        inputs.throwIfAny();
        Instant now = context.now();
        WebhookEndpoint updated = transactions.inTransaction(() -> {
            WebhookEndpoint written = changeEndpoint(tenant, webhook, current -> current.changed(
                    url != null ? url : current.url(), types != null ? types : current.eventTypes(),
                    change.description() == null ? current.description() : description,
                    change.enabled() != null ? change.enabled() : current.enabled(), now));
            context.audit(now, actor.id(), EventType.WEBHOOK_ENDPOINT_UPDATED, tenant, webhook, details(written));
            return written;
        });
        return view(updated);
    }

    @Override
    public void delete(Actor actor, TenantId tenant, UUID webhook) {
        requireManager(actor, tenant);
        transactions.run(() -> {
            WebhookEndpoint endpoint = endpointOf(tenant, webhook);
            if (!endpoints.delete(endpoint.id())) {
                throw Access.notFound("webhook");
            }
            context.audit(context.now(), actor.id(), EventType.WEBHOOK_ENDPOINT_DELETED, tenant, webhook, details(endpoint));
        });
    }

    @Override
    public CreatedWebhook rotateSecret(Actor actor, TenantId tenant, UUID webhook) {
        requireManager(actor, tenant);
        byte[] key = newKey();
        byte[] sealed = secrets.seal(key);
        Instant now = context.now();
        Duration grace = context.settings().webhooks().previousSecretGrace();
        WebhookEndpoint rotated = transactions.inTransaction(() -> {
            WebhookEndpoint written = changeEndpoint(tenant, webhook, current -> current.rotated(sealed, now, grace));
            context.audit(now, actor.id(), EventType.WEBHOOK_ENDPOINT_SECRET_ROTATED, tenant, webhook,
                    Map.of("previous_secret_signs_until", now.plus(grace).toString()));
            return written;
        });
        return new CreatedWebhook(view(rotated), WebhookSignatures.secretText(key));
    }

    // ---- deliveries ----

    @Override
    public Page<WebhookDeliveryView> deliveries(Actor actor, TenantId tenant, UUID webhook, PageRequest page) {
        requireManager(actor, tenant);
        FieldErrors inputs = new FieldErrors();
        Pages.Slice slice = Pages.parse(page, inputs);
        inputs.throwIfAny();
        WebhookEndpoint endpoint = endpointOf(tenant, webhook);
        return Pages.page(deliveries.listByEndpoint(endpoint.id(), slice.after(), slice.fetchSize()), slice,
                WebhookDelivery::id, shown -> shown.stream().map(WebhookService::view).toList());
    }

    @Override
    public WebhookDeliveryView replay(Actor actor, TenantId tenant, UUID webhook, UUID delivery) {
        requireManager(actor, tenant);
        WebhookEndpoint endpoint = endpointOf(tenant, webhook);
        limitManualDeliveries(actor);
        WebhookDelivery original = deliveries.find(delivery)
                .filter(d -> d.endpointId().equals(endpoint.id()))
                .orElseThrow(() -> Access.notFound("delivery"));
        WebhookDelivery again = original.replayed(context.ids().next(), context.now());
        transactions.run(() -> deliveries.add(again));
        return view(again);
    }

    @Override
    public WebhookDeliveryView sendTest(Actor actor, TenantId tenant, UUID webhook) {
        requireManager(actor, tenant);
        WebhookEndpoint endpoint = endpointOf(tenant, webhook);
        limitManualDeliveries(actor);
        Instant now = context.now();
        UUID eventId = context.ids().next();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", eventId.toString());
        data.put("version", 1);
        data.put("actor_id", actor.id().toString());
        data.put("tenant_id", tenant == null ? null : tenant.toString());
        data.put("subject", endpoint.id().toString());
        String payload = WebhookJson.envelope(TEST_EVENT_TYPE, now.toString(), data);
        WebhookDelivery test = WebhookDelivery.queued(context.ids().next(), endpoint.id(), eventId, TEST_EVENT_TYPE,
                payload, false, now);
        transactions.run(() -> deliveries.add(test));
        return view(test);
    }

    /** Inside the dispatcher's transaction: one delivery per matching endpoint, once per (endpoint, event). */
    @Override
    public void fanOut(List<Event> events) {
        Instant now = context.now();
        for (Event event : events) {
            List<WebhookEndpoint> receivers = endpoints.matching(event);
            if (receivers.isEmpty()) {
                continue;
            }
            String payload = WebhookJson.body(event);
            for (WebhookEndpoint endpoint : receivers) {
                deliveries.add(WebhookDelivery.queued(context.ids().next(), endpoint.id(), event.id(),
                        event.type().wireName(), payload, true, now));
            }
        }
    }

    /**
     * One delivery step: claims the due deliveries, sends each signed, and records each attempt
     * (and the endpoint's health) while this node still holds its lease.
     */
    public WebhookReport deliverOnce() {
        WebhookPolicy policy = context.settings().webhooks();
        Instant claimedAt = context.now();
        // The claim commits on its own (the store's own transaction): no outer one is held meanwhile.
        List<WebhookDelivery> claimed = deliveries.claimDue(worker, claimedAt, policy.lease(), policy.batchSize());
        // Past half the lease, stop: another node may claim the rest once the lease runs out.
        Instant stopAt = claimedAt.plus(policy.lease().dividedBy(2));
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (WebhookDelivery delivery : claimed) {
            if (context.now().isAfter(stopAt)) {
                LOG.info("webhook worker {} leaves claimed deliveries for the next round: half its lease is gone", worker);
                break;
            }
            Optional<WebhookEndpoint> endpoint = endpoints.find(delivery.endpointId());
            if (endpoint.isEmpty() || endpoint.get().state() == WebhookEndpoint.Health.DISABLED) {
                continue; // deleted or turned off since the claim: not sent
            }
            WebhookSender.Result result = send(endpoint.get(), delivery);
            WebhookDelivery attempted = delivery.afterAttempt(result, context.now(), policy);
            // A secret this node cannot open is this node's problem (its key differs), not the endpoint's.
            boolean endpointsDoing = result != UNOPENABLE_SECRET;
            boolean recorded = transactions.inTransaction(() -> {
                if (!deliveries.recordAttempt(attempted, worker)) {
                    return false;
                }
                if (endpointsDoing) {
                    recordHealth(delivery.endpointId(), result.delivered(), policy);
                }
                return true;
            });
            if (!recorded) {
                LOG.warn("webhook delivery {} was attempted, but its lease passed to another worker meanwhile",
                        delivery.id());
            } else {
                String outcome = switch (attempted.status()) {
                    case SUCCEEDED -> "delivered";
                    case RETRYING -> "retrying";
                    default -> "failed";
                };
                DeliveryService.countSafely(() -> context.metrics().webhookDelivery(outcome));
            }
            switch (attempted.status()) {
                case SUCCEEDED -> delivered++;
                case RETRYING -> retrying++;
                case FAILED -> {
                    failed++;
                    LOG.warn("webhook delivery {} to endpoint {} failed for good after {} attempts: {}", delivery.id(),
                            delivery.endpointId(), attempted.attempts(), attempted.lastError());
                }
                case PENDING -> throw new IllegalStateException("an attempted delivery is never PENDING");
            }
        }
        return new WebhookReport(claimed.size(), delivered, retrying, failed);
    }

    /** The attempt's result when the endpoint's secret does not open under this node's key. */
    private static final WebhookSender.Result UNOPENABLE_SECRET = new WebhookSender.Result(null, Duration.ZERO,
            "the endpoint's secret cannot be opened: the deployment's secret key changed (or differs between nodes); "
                    + "rotate the endpoint's secret");

    private WebhookSender.Result send(WebhookEndpoint endpoint, WebhookDelivery delivery) {
        Instant now = context.now();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        String id = delivery.eventId().toString();
        long timestamp = now.getEpochSecond();
        List<byte[]> keys = new ArrayList<>(2);
        try {
            try {
                for (byte[] sealed : endpoint.signingSecrets(now)) {
                    keys.add(secrets.open(sealed));
                }
            } catch (IllegalStateException unopenable) {
                // Sealed under another key (the deployment's key changed, or this node has another): it cannot sign.
                LOG.error("webhook endpoint {}: its secret does not open under this node's secret key (INVITEKIT_SECRET_KEY "
                        + "must be the same on every node)", endpoint.id());
                return UNOPENABLE_SECRET;
            }
            Map<String, String> headers = Map.of(
                    "content-type", "application/json",
                    "webhook-id", id,
                    "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", WebhookSignatures.header(keys, id, timestamp, body));
            WebhookSender.Result result = sender.send(new WebhookSender.Request(endpoint.url(), headers, body));
            return result != null ? result
                    : new WebhookSender.Result(null, Duration.ZERO, "the webhook sender gave no result");
        } catch (RuntimeException bug) {
            // A sender must answer every outcome with a Result; one that throws still must not stop the step.
            return new WebhookSender.Result(null, Duration.ZERO, "the webhook sender failed: "
                    + bug.getClass().getSimpleName());
        } finally {
            keys.forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    private void recordHealth(UUID endpointId, boolean delivered, WebhookPolicy policy) {
        Instant now = context.now();
        for (int i = 0; i < UPDATE_TRIES; i++) {
            Optional<WebhookEndpoint> current = endpoints.find(endpointId);
            if (current.isEmpty()) {
                return;
            }
            WebhookEndpoint next = delivered ? current.get().afterSuccess(now) : current.get().afterFailure(now, policy);
            if (next == current.get()) {
                return;
            }
            if (endpoints.update(next).isPresent()) {
                if (next.health() == WebhookEndpoint.Health.DISABLED
                        && current.get().health() != WebhookEndpoint.Health.DISABLED) {
                    LOG.warn("webhook endpoint {} is disabled after {} failed attempts in a row", endpointId,
                            next.consecutiveFailures());
                    context.audit(now, null, EventType.WEBHOOK_ENDPOINT_DISABLED, next.tenant(), endpointId,
                            Map.of("consecutive_failures", Integer.toString(next.consecutiveFailures())));
                }
                return;
            }
        }
        LOG.warn("webhook endpoint {}: its health was not recorded, it kept changing meanwhile", endpointId);
    }

    // ---- rules ----

    /** Platform endpoints: platform admins. A tenant's: its OWNERs and ADMINs (outsiders: not_found). */
    private void requireManager(Actor actor, TenantId tenant) {
        if (tenant == null) {
            Access.requirePlatformAdmin(actor);
            return;
        }
        Membership membership = access.requireMember(actor, tenant);
        if (!membership.role().can(TenantPermission.MANAGE_WEBHOOKS)) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only owners and admins manage webhooks");
        }
    }

    /** The endpoint, if it belongs to this scope; another scope's answers not_found. */
    private WebhookEndpoint endpointOf(TenantId tenant, UUID id) {
        return endpoints.find(id).filter(e -> java.util.Objects.equals(e.tenant(), tenant))
                .orElseThrow(() -> Access.notFound("webhook"));
    }

    private WebhookEndpoint changeEndpoint(TenantId tenant, UUID id, UnaryOperator<WebhookEndpoint> change) {
        for (int i = 0; i < UPDATE_TRIES; i++) {
            Optional<WebhookEndpoint> written = endpoints.update(change.apply(endpointOf(tenant, id)));
            if (written.isPresent()) {
                return written.get();
            }
        }
        throw new IllegalStateException("webhook endpoint " + id + " kept changing; try again");
    }

    private byte[] newKey() {
        byte[] key = new byte[SECRET_BYTES];
        context.random().nextBytes(key);
        return key;
    }

    /** Absolute http or https, a host, no credentials, no fragment, at most 2000 characters. */
    static URI url(String raw, FieldErrors inputs) {
        if (raw == null || raw.isBlank()) {
            inputs.add("url", "is required");
            return null;
        }
        String text = raw.strip();
        if (text.length() > MAX_URL_LENGTH) {
            inputs.add("url", "must be at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException malformed) {
            inputs.add("url", "is not a URL");
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            inputs.add("url", "must be an absolute http or https URL");
        } else if (url.getHost() == null || url.getHost().isEmpty()) {
            inputs.add("url", "must name a host");
        } else if (url.getRawUserInfo() != null) {
            inputs.add("url", "must not carry credentials");
        } else if (url.getRawFragment() != null) {
            inputs.add("url", "must not have a fragment");
        } else {
            return url;
        }
        return null;
    }

    /** Wire names of known event types; empty for every type. */
    static Set<String> eventTypes(Set<String> raw, FieldErrors inputs) {
        Set<String> types = new TreeSet<>();
        for (String name : raw == null ? Set.<String>of() : raw) {
            if (name == null || EventType.fromWireName(name).isEmpty()) {
                inputs.add("eventTypes", "has an unknown event type: " + name);
            } else {
                types.add(name);
            }
        }
        return types;
    }

    static String description(String raw, FieldErrors inputs) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.length() > MAX_DESCRIPTION_LENGTH || Text.hasUnsafe(text)) {
            inputs.add("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters, without control characters");
            return null;
        }
        return text;
    }

    /** What the audit log keeps of an endpoint: never its secret, nor its URL (which may carry a token). */
    private static Map<String, String> details(WebhookEndpoint endpoint) {
        return Map.of("event_types", String.join(",", endpoint.eventTypes()),
                "enabled", Boolean.toString(endpoint.enabled()));
    }

    static WebhookView view(WebhookEndpoint e) {
        return new WebhookView(e.id(), e.tenant(), e.url().toString(), e.eventTypes(), e.description(), e.enabled(),
                e.state().name(), e.consecutiveFailures(), e.createdAt(), e.updatedAt());
    }

    static WebhookDeliveryView view(WebhookDelivery d) {
        return new WebhookDeliveryView(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.status().name(),
                d.attempts(), d.lastStatusCode(), d.lastLatencyMillis(), d.lastError(), d.createdAt(),
                d.lastAttemptAt(), d.nextAttemptAt());
    }
}
