package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code subdomain_claims}: the primary key on the subdomain is what makes one holder per
 * subdomain. Inserts never raise a conflict ({@code ON CONFLICT DO NOTHING}, no target, which
 * both databases accept): a count of 0 says "held", and the transaction stays usable.
 */
public interface SubdomainSql {

    @SqlQuery("SELECT subdomain FROM <prefix>subdomain_claims WHERE subdomain IN (<candidates>) "
            + "AND (tenant_id IS NOT NULL OR reserved_until > :now)")
    List<String> heldAmong(@BindList("candidates") Collection<String> candidates, Instant now);

    /** Clears the way for {@code invitation}: a lapsed reservation of anybody's, or its own live one (a renewal). */
    @SqlUpdate("DELETE FROM <prefix>subdomain_claims WHERE subdomain = :subdomain AND tenant_id IS NULL "
            + "AND (reserved_until <= :now OR invitation_id = :invitation)")
    int deleteLapsedOrOwn(String subdomain, UUID invitation, Instant now);

    @SqlUpdate("DELETE FROM <prefix>subdomain_claims WHERE subdomain = :subdomain AND tenant_id IS NULL "
            + "AND reserved_until <= :now")
    int deleteLapsed(String subdomain, Instant now);

    @SqlUpdate("INSERT INTO <prefix>subdomain_claims (subdomain, invitation_id, reserved_until) "
            + "VALUES (:subdomain, :invitation, :until) ON CONFLICT DO NOTHING")
    int insertReservation(String subdomain, UUID invitation, Instant until);

    @SqlUpdate("INSERT INTO <prefix>subdomain_claims (subdomain, tenant_id) VALUES (:subdomain, :tenant) ON CONFLICT DO NOTHING")
    int insertClaim(String subdomain, UUID tenant);

    @SqlUpdate("DELETE FROM <prefix>subdomain_claims WHERE invitation_id = :invitation")
    int release(UUID invitation);
}
