package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.MemberInvitations.Filter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of one page of a tenant's member invitations: newest first by id, after a keyset
 * cursor, with only the conditions that apply, each shape on an index that starts with the tenant
 * ({@code (tenant_id, id)}, {@code (tenant_id, status, id)} or {@code (tenant_id, email, id)}).
 * As in {@link InvitationListQuery}, the status filter sees the status as of {@code now}: EXPIRED
 * is stored EXPIRED plus stored PENDING past its expiry, two branches merged by id.
 */
public record MemberInvitationListQuery(String sql, Map<String, Object> parameters) {

    public static MemberInvitationListQuery of(UUID tenant, Filter filter, UUID after, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", tenant);
        StringBuilder common = new StringBuilder();
        if (filter.email() != null) {
            common.append(" AND email = :email");
            parameters.put("email", filter.email().value());
        }
        if (after != null) {
            common.append(" AND id < :after");
            parameters.put("after", after);
        }
        parameters.put("limit", limit);
        String select = "SELECT " + MemberInvitationRow.COLUMNS + " FROM <prefix>member_invitations WHERE tenant_id = :tenant AND ";
        String page = " ORDER BY id DESC LIMIT :limit";
        if (filter.status() == null) {
            return new MemberInvitationListQuery(select + "1 = 1" + common + page, parameters);
        }
        return switch (filter.status()) {
            case PENDING -> {
                parameters.put("now", filter.now());
                yield new MemberInvitationListQuery(select + "status = 'PENDING' AND expires_at > :now" + common + page,
                        parameters);
            }
            case ACCEPTED, CANCELLED -> {
                parameters.put("status", filter.status().name());
                yield new MemberInvitationListQuery(select + "status = :status" + common + page, parameters);
            }
            case EXPIRED -> {
                parameters.put("now", filter.now());
                yield new MemberInvitationListQuery("SELECT " + MemberInvitationRow.COLUMNS + " FROM ("
                        + "(" + select + "status = 'EXPIRED'" + common + page + ")"
                        + " UNION ALL "
                        + "(" + select + "lapses_at <= :now" + common + page + ")"
                        + ") expired" + page, parameters);
            }
        };
    }
}
