package io.invitekit.application.service;

import io.invitekit.application.port.in.SubdomainAvailability;
import io.invitekit.application.port.in.SubdomainAvailabilityUseCase;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainPolicy;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import io.invitekit.domain.tenant.SubdomainTakenException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Answers "is this subdomain free?" and offers free ones near it. */
public final class SubdomainSuggestions implements SubdomainAvailabilityUseCase {
    static final int OFFERED = 3;
    private static final int PROBED = 12;

    private final SubdomainPolicy policy;
    private final SubdomainRegistry registry;
    private final Clock clock;
    private final RandomGenerator random;

    public SubdomainSuggestions(SubdomainPolicy policy, SubdomainRegistry registry, Clock clock, RandomGenerator random) {
        this.policy = policy;
        this.registry = registry;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public SubdomainAvailability check(String requested) {
        Instant now = io.invitekit.domain.shared.Times.now(clock);
        Subdomain subdomain;
        try {
            subdomain = Subdomain.of(requested);
        } catch (DomainException invalid) {
            return new SubdomainAvailability(requested == null ? "" : requested.strip(), false,
                    Refusal.INVALID, names(freeNear(baseFor(requested), now)));
        }
        if (policy.isReserved(subdomain)) {
            return refused(subdomain, Refusal.RESERVED, now);
        }
        if (registry.isHeld(subdomain, now)) {
            return refused(subdomain, Refusal.TAKEN, now);
        }
        return new SubdomainAvailability(subdomain.value(), true, null, List.of());
    }

    private SubdomainAvailability refused(Subdomain subdomain, Refusal reason, Instant now) {
        return new SubdomainAvailability(subdomain.value(), false, reason, names(freeNear(subdomain, now)));
    }

    /** The same refusal, now with free subdomains to offer. */
    SubdomainTakenException withSuggestions(SubdomainTakenException taken, Instant now) {
        return taken.withSuggestions(freeNear(taken.subdomain(), now));
    }

    /** The first free subdomain derived from a name, for a tenant created without choosing one. */
    Subdomain firstFreeFor(String name, Instant now) {
        List<Subdomain> free = freeNear(baseFor(name), now);
        return free.isEmpty() ? randomLabel() : free.get(0);
    }

    /** Up to three free candidates: the base, then base-2, base-3, … (never a reserved one). */
    List<Subdomain> freeNear(Subdomain base, Instant now) {
        if (base == null) {
            return List.of(randomLabel());
        }
        List<Subdomain> candidates = policy.candidates(base, PROBED);
        Set<Subdomain> held = registry.heldAmong(candidates, now);
        List<Subdomain> free = new ArrayList<>(OFFERED);
        for (Subdomain candidate : candidates) {
            if (!held.contains(candidate) && free.size() < OFFERED) {
                free.add(candidate);
            }
        }
        return free;
    }

    private static Subdomain baseFor(String text) {
        try {
            return Subdomain.suggestFrom(text);
        } catch (InvalidValueException nothingUsable) {
            return null;
        }
    }

    /** For names with nothing to derive from (a non-Latin script, say): {@code t-} and 8 random symbols. */
    private Subdomain randomLabel() {
        String alphabet = "abcdefghjkmnpqrstvwxyz0123456789";
        StringBuilder label = new StringBuilder("t-");
        for (int i = 0; i < 8; i++) {
            label.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return Subdomain.of(label.toString());
    }

    private static List<String> names(List<Subdomain> subdomains) {
        return subdomains.stream().map(Subdomain::value).toList();
    }
}
