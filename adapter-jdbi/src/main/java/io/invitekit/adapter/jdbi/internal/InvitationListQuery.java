package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of one page of the invitation list: newest first by id, after a keyset cursor, with
 * only the conditions that apply, so that each shape gets a plan of its own that walks an index
 * ({@code pk} backwards, {@code (status, id)} or {@code (email, id)}) and stops after
 * {@code limit} rows, however many millions the table holds.
 *
 * <p>The status filter sees the status as of {@code now}: EXPIRED is stored EXPIRED plus stored
 * PENDING past its expiry ({@code lapses_at <= now}, a column only stored-PENDING rows have).
 * That is written as two branches, each index-ordered and limited, merged by id: an {@code OR}
 * across the two would keep no index order.
 */
public record InvitationListQuery(String sql, Map<String, Object> parameters) {

    /**
     * A prefix search of the invitations' emails and suggested business names (V14's keys) with
     * the filter's conditions, each written so that it keeps the key index's order.
     */
    public static PrefixSearchQuery search(InvitationFilter filter, io.invitekit.application.port.out.PrefixSearch search) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        java.util.List<String> conditions = new java.util.ArrayList<>();
        if (filter.email() != null) {
            conditions.add("i.email = :email");
            parameters.put("email", filter.email().value());
        }
        if (filter.status() != null) {
            switch (filter.status()) {
                case PENDING -> {
                    conditions.add("i.status = 'PENDING' AND i.expires_at > :now");
                    parameters.put("now", filter.now());
                }
                case ACCEPTED, CANCELLED -> {
                    conditions.add("i.status = :status");
                    parameters.put("status", filter.status().name());
                }
                case EXPIRED -> {
                    conditions.add("(i.status = 'EXPIRED' OR i.lapses_at <= :now)");
                    parameters.put("now", filter.now());
                }
            }
        }
        return PrefixSearchQuery.of(InvitationRow.columns("i"), "<prefix>tenant_invitations i", "i",
                java.util.List.of("email_key", "business_key"), String.join(" AND ", conditions), parameters, search);
    }

    public static InvitationListQuery of(InvitationFilter filter, UUID after, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
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
        String select = "SELECT " + InvitationRow.COLUMNS + " FROM <prefix>tenant_invitations WHERE ";
        String page = " ORDER BY id DESC LIMIT :limit";
        if (filter.status() == null) {
            String where = common.length() == 0 ? "1 = 1" : common.substring(" AND ".length());
            return new InvitationListQuery(select + where + page, parameters);
        }
        return switch (filter.status()) {
            case PENDING -> {
                parameters.put("now", filter.now());
                yield new InvitationListQuery(select + "status = 'PENDING' AND expires_at > :now" + common + page,
                        parameters);
            }
            case ACCEPTED, CANCELLED -> {
                parameters.put("status", filter.status().name());
                yield new InvitationListQuery(select + "status = :status" + common + page, parameters);
            }
            case EXPIRED -> {
                parameters.put("now", filter.now());
                yield new InvitationListQuery("SELECT " + InvitationRow.COLUMNS + " FROM ("
                        + "(" + select + "status = 'EXPIRED'" + common + page + ")"
                        + " UNION ALL "
                        + "(" + select + "lapses_at <= :now" + common + page + ")"
                        + ") expired" + page, parameters);
            }
        };
    }
}
