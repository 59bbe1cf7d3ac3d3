package io.invitekit.domain.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void ownersAndAdminsManageTheJoinCode() {
        assertThat(Role.OWNER.managesJoinCode()).isTrue();
        assertThat(Role.ADMIN.managesJoinCode()).isTrue();
    }

    @Test
    void membersDoNotManageTheJoinCode() {
        assertThat(Role.MEMBER.managesJoinCode()).isFalse();
    }
}
