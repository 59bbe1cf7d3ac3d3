package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code tenants} with its primary domain from {@code tenant_domains}. */
public record TenantRow(
        UUID id,
        String name,
        String subdomain,
        String domain,
        String tier,
        Integer customMaxUsers,
        Integer customMaxResources,
        String permissions,
        String featureFlags,
        Integer maxUsers,
        Integer maxResources,
        boolean active,
        String contactEmail,
        String phone,
        Instant createdAt) {

    /** A tenant's columns, of {@code tenants t} and its primary domain {@code tenant_domains d} ({@link #FROM}). */
    public static final String COLUMNS = "t.id, t.name, t.subdomain, d.domain_name AS domain, t.tier, "
            + "t.custom_max_users, t.custom_max_resources, t.permissions, t.feature_flags, t.max_users, t.max_resources, "
            + "t.active, t.contact_email, t.phone, t.created_at";
    public static final String FROM = "<prefix>tenants t JOIN <prefix>tenant_domains d ON d.primary_of = t.id";
    static final String SELECT = "SELECT " + COLUMNS + " FROM " + FROM + " ";

    public static TenantRow of(Tenant t) {
        return new TenantRow(t.id().value(), t.name().value(), t.subdomain().value(), t.domain(), t.plan().tier().name(),
                t.plan().customLimits().maxUsers(), t.plan().customLimits().maxResources(),
                PlanColumns.permissions(t.plan()), PlanColumns.featureFlags(t.plan()), t.limits().users().max(),
                t.limits().resources().max(), t.active(), t.contactEmail() == null ? null : t.contactEmail().value(),
                t.phone() == null ? null : t.phone().value(), t.createdAt());
    }

    public Tenant toDomain() {
        return new Tenant(new TenantId(id), new Name(name), new Subdomain(subdomain), domain,
                PlanColumns.plan(tier, customMaxUsers, customMaxResources, permissions, featureFlags),
                Limits.of(maxUsers, maxResources), active, contactEmail == null ? null : new EmailAddress(contactEmail),
                phone == null ? null : new Phone(phone), createdAt);
    }

    /** Columns {@code c} to {@code c + 14} of the current row, in the order of the SELECT's columns. */
    public static TenantRow read(ResultSet r, int c) throws SQLException {
        return new TenantRow(Columns.uuid(r, c), r.getString(c + 1), r.getString(c + 2), r.getString(c + 3),
                r.getString(c + 4), Columns.integer(r, c + 5), Columns.integer(r, c + 6), r.getString(c + 7),
                r.getString(c + 8), Columns.integer(r, c + 9), Columns.integer(r, c + 10), r.getBoolean(c + 11),
                r.getString(c + 12), r.getString(c + 13), Columns.instant(r, c + 14));
    }
}
