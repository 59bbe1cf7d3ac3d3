package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.PrefixSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one page of a prefix search (see {@link PrefixSearch}) over computed key columns
 * (V14), each with an index on {@code (key, id)}: one branch per key, each a range of its index
 * ({@code key >= :lo AND key < :hi}, after the cursor), walked in order and limited, merged by
 * {@code (key, id)}. A row whose earlier key matches is left out of the later branches, so it is
 * found once. {@code conditions} (the list's other filters) apply to every branch.
 */
public record PrefixSearchQuery(String sql, Map<String, Object> parameters) {

    /**
     * @param columns the selected columns, qualified by {@code alias}
     * @param from    the tables, {@code alias} the searched one
     * @param keys    the key columns (unqualified), earlier ones first
     */
    public static PrefixSearchQuery of(String columns, String from, String alias, List<String> keys, String conditions,
                                       Map<String, Object> conditionParameters, PrefixSearch search) {
        Map<String, Object> parameters = new LinkedHashMap<>(conditionParameters);
        parameters.put("searchLow", search.prefix());
        String upper = search.upperBound();
        if (upper != null) {
            parameters.put("searchHigh", upper);
        }
        if (search.after() != null) {
            parameters.put("afterKey", search.after().key());
            parameters.put("afterId", search.after().id());
        }
        parameters.put("searchLimit", search.limit());
        String id = alias + ".id";
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = alias + "." + keys.get(i);
            StringBuilder where = new StringBuilder(range(key, upper));
            for (String earlier : keys.subList(0, i)) {
                String other = alias + "." + earlier;
                where.append(" AND (").append(other).append(" IS NULL OR NOT (").append(range(other, upper)).append("))");
            }
            if (search.after() != null) {
                where.append(" AND ").append(key).append(" >= :afterKey AND (").append(key).append(" > :afterKey OR ")
                        .append(id).append(" > :afterId)");
            }
            if (!conditions.isEmpty()) {
                where.append(" AND ").append(conditions);
            }
            branches.add("(SELECT " + columns + ", " + key + " AS search_key FROM " + from + " WHERE " + where
                    + " ORDER BY " + key + ", " + id + " LIMIT :searchLimit)");
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") found "
                + "ORDER BY search_key, id LIMIT :searchLimit";
        return new PrefixSearchQuery(sql, parameters);
    }

    private static String range(String key, String upper) {
        return key + " >= :searchLow" + (upper == null ? "" : " AND " + key + " < :searchHigh");
    }
}
