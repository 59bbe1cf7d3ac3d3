package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which audit events to list, newest first: of these {@code types} (wire names such as
 * {@code membership.joined}; empty: every type; a name no event type has is refused with
 * {@code validation_failed} on {@code type}), by this {@code actor}, in this time {@code range};
 * each optional. Built with {@link #all()} or {@link #builder()}.
 */
public record AuditQuery(Set<String> types, UserId actor, Range range, PageRequest page) {
    public AuditQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        range = range == null ? Range.ANY : range;
        page = page == null ? PageRequest.first() : page;
    }

    public static AuditQuery all() {
        return new AuditQuery(Set.of(), null, Range.ANY, PageRequest.first());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Instant from() {
        return range.from();
    }

    public Instant to() {
        return range.to();
    }

    /** At or after {@code from} and before {@code to}; either may be null (open). */
    public record Range(Instant from, Instant to) {
        public static final Range ANY = new Range(null, null);
    }

    public static final class Builder {
        private final Set<String> types = new LinkedHashSet<>();
        private UserId actor;
        private Instant from;
        private Instant to;
        private PageRequest page = PageRequest.first();

        private Builder() {
        }

        /** Adds wire names ({@code EventType.wireName()}); call again for more. */
        public Builder types(List<String> wireNames) {
            if (wireNames != null) {
                types.addAll(wireNames);
            }
            return this;
        }

        public Builder type(String wireName) {
            if (wireName != null) {
                types.add(wireName);
            }
            return this;
        }

        public Builder actor(UserId value) {
            actor = value;
            return this;
        }

        public Builder from(Instant value) {
            from = value;
            return this;
        }

        public Builder to(Instant value) {
            to = value;
            return this;
        }

        public Builder page(PageRequest value) {
            page = value == null ? PageRequest.first() : value;
            return this;
        }

        public AuditQuery build() {
            return new AuditQuery(types, actor, new Range(from, to), page);
        }
    }
}
