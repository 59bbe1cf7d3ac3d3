package io.invitekit.application.port.in;

/** Which tenants a platform admin lists, newest first: {@code active} filters when not null. */
public record TenantQuery(Boolean active, PageRequest page) {
    public TenantQuery {
        page = page == null ? PageRequest.first() : page;
    }

    public static TenantQuery all() {
        return new TenantQuery(null, PageRequest.first());
    }

    public TenantQuery active(boolean value) {
        return new TenantQuery(value, page);
    }

    public TenantQuery page(PageRequest value) {
        return new TenantQuery(active, value);
    }
}
