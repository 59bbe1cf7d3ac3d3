package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code bootstrap_markers}: the primary key on the name lets one transaction place a marker.
 * The insert never raises a conflict ({@code ON CONFLICT DO NOTHING}): a count of 0 says "placed
 * already", and the transaction stays usable. A concurrent transaction that placed it and has
 * not finished makes this one wait for its outcome.
 */
public interface BootstrapMarkerSql {

    @SqlUpdate("INSERT INTO <prefix>bootstrap_markers (name, placed_at) VALUES (:name, :at) ON CONFLICT DO NOTHING")
    int insert(String name, Instant at);

    @SqlQuery("SELECT count(*) FROM <prefix>bootstrap_markers WHERE name = :name")
    long count(String name);
}
