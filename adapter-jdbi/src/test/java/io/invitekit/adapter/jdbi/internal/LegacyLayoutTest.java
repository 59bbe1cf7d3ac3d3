package io.invitekit.adapter.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which objects of a 0.1 database are Invitekit's, by the migrations its history records. */
class LegacyLayoutTest {

    @Test
    void only_what_the_applied_migrations_made_and_did_not_drop_is_renamed() {
        Set<String> v1 = Set.of("1");
        Set<String> all = Set.of("1", "2", "3");

        assertThat(LegacyLayout.madeBy("accounts", v1)).isTrue();
        assertThat(LegacyLayout.madeBy("owned_tenant_counts", v1)).as("V2 made it: a host's, here").isFalse();
        assertThat(LegacyLayout.madeBy("bootstrap_markers", Set.of("1", "2"))).as("V3 made it").isFalse();
        assertThat(LegacyLayout.madeBy("ix_memberships_user", v1)).isTrue();
        assertThat(LegacyLayout.madeBy("ix_memberships_user", all)).as("V2 dropped it: a host's, here").isFalse();
        assertThat(LegacyLayout.madeBy("ix_memberships_user_page", v1)).isFalse();
        assertThat(LegacyLayout.TABLES).allSatisfy(table -> assertThat(LegacyLayout.madeBy(table, all)).isTrue());
        assertThat(LegacyLayout.INDEXES).filteredOn(index -> LegacyLayout.madeBy(index, all))
                .hasSize(LegacyLayout.INDEXES.size() - 1);
    }
}
