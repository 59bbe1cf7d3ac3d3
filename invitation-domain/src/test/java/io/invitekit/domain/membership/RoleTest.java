package io.invitekit.domain.membership;

import static io.invitekit.domain.membership.Role.ADMIN;
import static io.invitekit.domain.membership.Role.MEMBER;
import static io.invitekit.domain.membership.Role.OWNER;
import static io.invitekit.domain.membership.TenantPermission.CHANGE_ROLES;
import static io.invitekit.domain.membership.TenantPermission.INVITE_MEMBERS;
import static io.invitekit.domain.membership.TenantPermission.MANAGE_JOIN_CODE;
import static io.invitekit.domain.membership.TenantPermission.MANAGE_WEBHOOKS;
import static io.invitekit.domain.membership.TenantPermission.MANAGE_TENANT;
import static io.invitekit.domain.membership.TenantPermission.REMOVE_MEMBERS;
import static io.invitekit.domain.membership.TenantPermission.TRANSFER_OWNERSHIP;
import static io.invitekit.domain.membership.TenantPermission.VIEW_AUDIT;
import static io.invitekit.domain.membership.TenantPermission.VIEW_MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The permission table of {@link Role}'s javadoc, cell by cell. */
class RoleTest {

    /** Who holds which permission: every (role, permission) pair, granted or not. */
    static Stream<Arguments> permissionTable() {
        Set<TenantPermission> owner = EnumSet.allOf(TenantPermission.class);
        Set<TenantPermission> admin = EnumSet.of(VIEW_MEMBERS, INVITE_MEMBERS, CHANGE_ROLES, REMOVE_MEMBERS,
                MANAGE_JOIN_CODE, VIEW_AUDIT, MANAGE_WEBHOOKS);
        Set<TenantPermission> member = EnumSet.of(VIEW_MEMBERS);
        Stream.Builder<Arguments> rows = Stream.builder();
        for (TenantPermission p : TenantPermission.values()) {
            rows.add(Arguments.of(OWNER, p, owner.contains(p)));
            rows.add(Arguments.of(ADMIN, p, admin.contains(p)));
            rows.add(Arguments.of(MEMBER, p, member.contains(p)));
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} can {1}: {2}")
    @MethodSource("permissionTable")
    void holdsExactlyThePermissionsOfTheTable(Role role, TenantPermission permission, boolean granted) {
        assertThat(role.can(permission)).isEqualTo(granted);
    }

    @Test
    void onlyAnOwnerManagesTheTenantAndTransfersIt() {
        assertThat(Stream.of(Role.values()).filter(r -> r.can(MANAGE_TENANT))).containsExactly(OWNER);
        assertThat(Stream.of(Role.values()).filter(r -> r.can(TRANSFER_OWNERSHIP))).containsExactly(OWNER);
    }

    @Test
    void ownersAndAdminsManageWebhooksMembersDoNot() {
        assertThat(Stream.of(Role.values()).filter(r -> r.can(MANAGE_WEBHOOKS))).containsExactly(OWNER, ADMIN);
    }

    /** actor, target, may manage. */
    static Stream<Arguments> manageTable() {
        return Stream.of(
                Arguments.of(OWNER, OWNER, true), Arguments.of(OWNER, ADMIN, true), Arguments.of(OWNER, MEMBER, true),
                Arguments.of(ADMIN, OWNER, false), Arguments.of(ADMIN, ADMIN, false), Arguments.of(ADMIN, MEMBER, true),
                Arguments.of(MEMBER, OWNER, false), Arguments.of(MEMBER, ADMIN, false), Arguments.of(MEMBER, MEMBER, false));
    }

    @ParameterizedTest(name = "{0} manages a {1}: {2}")
    @MethodSource("manageTable")
    void anOwnerManagesEveryoneAnAdminMembersOnlyAMemberNobody(Role actor, Role target, boolean manages) {
        assertThat(actor.mayManage(target)).isEqualTo(manages);
    }

    /** actor, granted role, may grant. */
    static Stream<Arguments> grantTable() {
        return Stream.of(
                Arguments.of(OWNER, OWNER, false), Arguments.of(OWNER, ADMIN, true), Arguments.of(OWNER, MEMBER, true),
                Arguments.of(ADMIN, OWNER, false), Arguments.of(ADMIN, ADMIN, false), Arguments.of(ADMIN, MEMBER, true),
                Arguments.of(MEMBER, OWNER, false), Arguments.of(MEMBER, ADMIN, false), Arguments.of(MEMBER, MEMBER, false));
    }

    @ParameterizedTest(name = "{0} grants {1}: {2}")
    @MethodSource("grantTable")
    void ownershipIsNeverGrantedAndAnAdminGrantsMemberOnly(Role actor, Role granted, boolean grants) {
        assertThat(actor.mayGrant(granted)).isEqualTo(grants);
    }

    /** a, b, the higher. */
    static Stream<Arguments> higherTable() {
        return Stream.of(
                Arguments.of(OWNER, OWNER, OWNER), Arguments.of(OWNER, ADMIN, OWNER), Arguments.of(OWNER, MEMBER, OWNER),
                Arguments.of(ADMIN, OWNER, OWNER), Arguments.of(ADMIN, ADMIN, ADMIN), Arguments.of(ADMIN, MEMBER, ADMIN),
                Arguments.of(MEMBER, OWNER, OWNER), Arguments.of(MEMBER, ADMIN, ADMIN), Arguments.of(MEMBER, MEMBER, MEMBER));
    }

    @ParameterizedTest(name = "higher of {0} and {1}: {2}")
    @MethodSource("higherTable")
    void theHigherRoleIsOwnerOverAdminOverMember(Role a, Role b, Role higher) {
        assertThat(a.higher(b)).isEqualTo(higher);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void managingTheJoinCodeIsThePermissionOfTheTable(Role role) {
        assertThat(role.managesJoinCode()).isEqualTo(role.can(MANAGE_JOIN_CODE)).isEqualTo(role != MEMBER);
    }
}
