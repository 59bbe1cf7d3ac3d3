package io.invitekit.domain.tenant;

import java.util.Objects;

/** The effective ceilings of a tenant: team members and resources. */
public record Limits(Limit users, Limit resources) {
    public static final Limits UNLIMITED = new Limits(Limit.UNLIMITED, Limit.UNLIMITED);

    public Limits {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(resources, "resources");
    }

    public static Limits of(Integer users, Integer resources) {
        return new Limits(new Limit(users), new Limit(resources));
    }
}
