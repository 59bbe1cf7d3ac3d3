package io.invitekit.application.service;

import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuditEventView;
import io.invitekit.application.port.in.AuditQuery;
import io.invitekit.application.port.in.AuditUseCase;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditFilter;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.TenantPermission;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the event log as the audit log: platform admins every event (and any tenant's), a
 * tenant's OWNERs and ADMINs ({@link TenantPermission#VIEW_AUDIT}) their tenant's. Outsiders are
 * told the tenant does not exist; MEMBERs that they may not.
 */
public final class AuditService implements AuditUseCase {
    private final AuditLog auditLog;
    private final Tenants tenants;
    private final Access access;
    private final UserDirectory directory;
    private final Memberships memberships;

    public AuditService(AuditLog auditLog, Tenants tenants, Memberships memberships, UserDirectory directory) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.access = new Access(Objects.requireNonNull(memberships, "memberships"));
        this.directory = Objects.requireNonNull(directory, "directory");
        this.memberships = memberships;
    }

    @Override
    public Page<AuditEventView> platformEvents(Actor actor, AuditQuery query) {
        Access.requirePlatformAdmin(actor);
        return page(null, query, who -> true);
    }

    @Override
    public Page<AuditEventView> platformTenantEvents(Actor actor, TenantId tenant, AuditQuery query) {
        Access.requirePlatformAdmin(actor);
        if (tenant == null || tenants.byId(tenant).isEmpty()) {
            throw Access.notFound("tenant");
        }
        return page(tenant, query, who -> true);
    }

    @Override
    public Page<AuditEventView> tenantEvents(Actor actor, TenantId tenant, AuditQuery query) {
        Access.requireActor(actor);
        if (actor.isPlatformAdmin()) {
            if (tenant == null || tenants.byId(tenant).isEmpty()) {
                throw Access.notFound("tenant");
            }
        } else {
            Membership me = access.requireMember(actor, tenant);
            if (!me.role().can(TenantPermission.VIEW_AUDIT)) {
                throw new RuleViolationException(ErrorCode.FORBIDDEN, "a " + me.role() + " may not read the audit log");
            }
            // A tenant's readers see who did what by name only for their own members: a platform
            // operator (activating the tenant, say) or someone long gone is shown by id alone.
            return page(tenant, query, who -> memberships.find(tenant, who).isPresent());
        }
        return page(tenant, query, who -> true);
    }

    private Page<AuditEventView> page(TenantId tenant, AuditQuery query, java.util.function.Predicate<UserId> named) {
        AuditQuery q = query == null ? AuditQuery.all() : query;
        FieldErrors errors = new FieldErrors();
        Pages.Slice slice = Pages.parse(q.page(), errors);
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            errors.add("to", "must be after from");
        }
        Set<EventType> types = new HashSet<>();
        for (String name : q.types()) {
            EventType.fromWireName(name == null ? "" : name.strip()).ifPresentOrElse(types::add,
                    () -> errors.add("type", "is not an event type: " + name));
        }
        errors.throwIfAny();
        List<AuditEvent> fetched = auditLog.list(new AuditFilter(tenant, types, q.actor(), q.from(), q.to()),
                slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, AuditEvent::id, shown -> viewsOf(shown, named));
    }

    /** With the actors as the directory knows them, asked for once per page. */
    private List<AuditEventView> viewsOf(List<AuditEvent> events, java.util.function.Predicate<UserId> named) {
        List<UserId> actors = events.stream().map(AuditEvent::actor).filter(Objects::nonNull).distinct()
                .filter(named).toList();
        Map<UserId, UserProfile> profiles = actors.isEmpty() ? Map.of() : directory.profiles(actors);
        return events.stream().map(event -> new AuditEventView(event.id(), event.action(), event.at(),
                event.actor() == null ? null : actorView(event.actor(), profiles), event.tenant(), event.subject(),
                event.details())).toList();
    }

    private static UserView actorView(UserId actor, Map<UserId, UserProfile> profiles) {
        UserProfile profile = profiles.get(actor);
        return profile == null ? UserView.unknown(actor) : UserView.of(profile);
    }
}
