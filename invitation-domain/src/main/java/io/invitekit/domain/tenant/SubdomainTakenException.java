package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import java.util.List;

/** Somebody else holds the subdomain; {@link #suggestions()} are free ones to offer instead. */
public final class SubdomainTakenException extends DomainException {
    private final Subdomain subdomain;
    private final List<Subdomain> suggestions;

    public SubdomainTakenException(Subdomain subdomain, List<Subdomain> suggestions) {
        super(ErrorCode.SUBDOMAIN_TAKEN, "\"" + subdomain + "\" is already taken");
        this.subdomain = subdomain;
        this.suggestions = List.copyOf(suggestions);
    }

    public static SubdomainTakenException of(Subdomain subdomain) {
        return new SubdomainTakenException(subdomain, List.of());
    }

    public Subdomain subdomain() {
        return subdomain;
    }

    public List<Subdomain> suggestions() {
        return suggestions;
    }

    public SubdomainTakenException withSuggestions(List<Subdomain> offered) {
        return new SubdomainTakenException(subdomain, offered);
    }
}
