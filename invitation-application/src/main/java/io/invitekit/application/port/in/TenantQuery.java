package io.invitekit.application.port.in;

/**
 * Which tenants a platform admin lists: {@code active} filters when not null. Without
 * {@code search}, newest first; with it, those whose name or contact email starts with it
 * (case-insensitive, 1 to {@value #MAX_SEARCH} characters, else {@code invalid_search}), ordered
 * by the matching name or email, then id.
 */
public record TenantQuery(Boolean active, PageRequest page, String search) {
    public static final int MAX_SEARCH = 100;

    public TenantQuery {
        page = page == null ? PageRequest.first() : page;
    }

    public TenantQuery(Boolean active, PageRequest page) {
        this(active, page, null);
    }

    public static TenantQuery all() {
        return new TenantQuery(null, PageRequest.first(), null);
    }

    public TenantQuery active(boolean value) {
        return new TenantQuery(value, page, search);
    }

    public TenantQuery page(PageRequest value) {
        return new TenantQuery(active, value, search);
    }

    /** A name or contact email prefix; null or empty: no search. */
    public TenantQuery search(String value) {
        return new TenantQuery(active, page, value);
    }
}
