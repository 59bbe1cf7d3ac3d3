package io.invitekit.application.port.in;

import java.util.List;

/** {@code reason} is {@code invalid}, {@code reserved}, {@code taken}, or null when available. */
public record SubdomainAvailability(String subdomain, boolean available, String reason, List<String> suggestions) {
}
