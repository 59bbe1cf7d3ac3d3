package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import java.util.List;

/** {@code reason} is why it cannot be used, or null when available. */
public record SubdomainAvailability(String subdomain, boolean available, Refusal reason, List<String> suggestions) {
}
