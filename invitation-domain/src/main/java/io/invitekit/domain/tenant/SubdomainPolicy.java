package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which syntactically valid subdomains may be used, and the candidates offered instead. */
public final class SubdomainPolicy {
    public static final Set<String> DEFAULT_RESERVED = Set.of(
            "www", "api", "admin", "app", "mail", "smtp", "imap", "pop", "ftp", "status", "static", "assets",
            "cdn", "platform", "support", "help", "docs", "blog", "auth", "login", "signup", "account",
            "billing", "dashboard", "root", "test", "dev", "staging", "ns1", "ns2", "origin", "tunnel");

    /** Why a requested subdomain cannot be used. */
    public enum Refusal {
        INVALID, RESERVED, TAKEN
    }

    private final Set<String> reserved;

    public SubdomainPolicy(Set<String> reserved) {
        this.reserved = reserved.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static SubdomainPolicy defaults() {
        return new SubdomainPolicy(DEFAULT_RESERVED);
    }

    public Set<String> reserved() {
        return reserved;
    }

    public boolean isReserved(Subdomain subdomain) {
        return reserved.contains(subdomain.value());
    }

    /**
     * The subdomain a person asked for, if it may be used at all.
     *
     * @throws InvalidValueException ({@code invalid_subdomain}) when it is malformed or reserved
     */
    public Subdomain requireUsable(String requested) {
        Subdomain subdomain = Subdomain.of(requested);
        if (isReserved(subdomain)) {
            throw new InvalidValueException(ErrorCode.INVALID_SUBDOMAIN, "\"" + subdomain + "\" is reserved");
        }
        return subdomain;
    }

    /**
     * Candidates to offer in place of {@code base}, in order: the base itself unless reserved,
     * then {@code base-2}, {@code base-3}, …; never a reserved one. The caller removes taken ones.
     */
    public List<Subdomain> candidates(Subdomain base, int count) {
        List<Subdomain> result = new ArrayList<>(count);
        if (count > 0 && !isReserved(base)) {
            result.add(base);
        }
        for (int n = 2; result.size() < count; n++) {
            Subdomain next = base.withSuffix(n);
            if (!isReserved(next)) {
                result.add(next);
            }
        }
        return result;
    }
}
