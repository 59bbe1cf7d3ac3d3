package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event as people read it: {@code type} its wire name (an event a newer release wrote
 * keeps its name), who did it ({@code actor}, as the directory knows them; null for the system),
 * in which tenant, to what, with which values.
 */
public record AuditEventView(UUID id, String type, Instant occurredAt, UserView actor, TenantId tenant, String subject,
                             Map<String, String> data) {
}
