package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuditEventView;
import io.invitekit.application.port.in.AuditQuery;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.EventType;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit log people read: who may read which events, filters, pages. */
class AuditServiceTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();
    private final Actor owner = t.user("olga@family.example");
    private final TenantView family = t.family(owner, "The Smiths");
    private final TenantId tenant = family.id();
    private final Actor otherOwner = t.user("oscar@other.example");
    private final TenantView other = t.family(otherOwner, "The Others");

    private Actor joined(Role role, String email) {
        Actor user = t.user(email);
        t.kit.members().invite(owner, tenant, NewMemberInvitation.to(email).role(role));
        String token = t.storage.outbox().all().stream().filter(m -> m.recipient().value().equals(email))
                .reduce((first, second) -> second).orElseThrow().secret();
        t.kit.members().accept(VerifiedUser.of(user.id(), email), token, "192.0.2.7");
        return user;
    }

    private static AuditQuery query(Set<EventType> types, Integer limit, String cursor) {
        return AuditQuery.builder().types(types.stream().map(EventType::wireName).toList())
                .page(new PageRequest(limit, cursor)).build();
    }

    @Test
    void a_platform_admin_reads_every_event_newest_first_with_the_actor_as_the_directory_knows_them() {
        Page<AuditEventView> page = t.kit.audit().platformEvents(admin, AuditQuery.all());

        List<UUID> newestFirst = new ArrayList<>(t.storage.auditLog().events().stream().map(e -> e.id()).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(page.items()).extracting(AuditEventView::id).containsExactlyElementsOf(newestFirst);
        assertThat(page.nextCursor()).isNull();
        assertThat(page.items()).filteredOn(e -> e.type().equals("tenant.created") && tenant.equals(e.tenant()))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor().id()).isEqualTo(owner.id());
                    assertThat(e.actor().email()).isEqualTo("olga@family.example");
                    assertThat(e.subject()).isEqualTo(tenant.toString());
                });
        assertThat(t.kit.audit().tenantEvents(admin, other.id(), AuditQuery.all()).items())
                .isNotEmpty().allMatch(e -> other.id().equals(e.tenant()));
    }

    @Test
    void owners_and_admins_read_their_tenants_events_only() {
        Actor tenantAdmin = joined(Role.ADMIN, "ada@family.example");

        for (Actor reader : List.of(owner, tenantAdmin)) {
            List<AuditEventView> items = t.kit.audit().tenantEvents(reader, tenant, AuditQuery.all()).items();
            assertThat(items).isNotEmpty().allMatch(e -> tenant.equals(e.tenant()));
            assertThat(items).extracting(AuditEventView::type)
                    .contains("tenant.created", "member_invitation.created", "membership.joined");
        }
    }

    @Test
    void another_tenants_events_are_not_found_a_member_is_forbidden_and_only_admins_read_the_platforms() {
        Actor member = joined(Role.MEMBER, "max@family.example");

        refused(ErrorCode.NOT_FOUND, () -> t.kit.audit().tenantEvents(otherOwner, tenant, AuditQuery.all()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.audit().tenantEvents(t.newUser(), tenant, AuditQuery.all()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.audit().tenantEvents(admin, new TenantId(UUID.randomUUID()),
                AuditQuery.all()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.audit().tenantEvents(member, tenant, AuditQuery.all()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.audit().platformEvents(owner, AuditQuery.all()));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.audit().platformEvents(null, AuditQuery.all()));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.audit().tenantEvents(null, tenant, AuditQuery.all()));
    }

    @Test
    void filters_by_type_actor_and_time_range() {
        t.clock.advance(Duration.ofHours(1));
        Actor member = joined(Role.MEMBER, "max@family.example");
        var afterAnHour = TestKit.START.plus(Duration.ofHours(1));

        assertThat(t.kit.audit().tenantEvents(owner, tenant, query(Set.of(EventType.MEMBERSHIP_JOINED), null, null))
                .items()).singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo(member.id().toString()));
        assertThat(t.kit.audit().tenantEvents(owner, tenant,
                AuditQuery.builder().actor(member.id()).build()).items())
                .isNotEmpty().allMatch(e -> e.actor().id().equals(member.id()));
        assertThat(t.kit.audit().tenantEvents(owner, tenant, AuditQuery.builder().to(afterAnHour).build())
                .items()).extracting(AuditEventView::type).containsExactly("tenant.created");
        assertThat(t.kit.audit().tenantEvents(owner, tenant, AuditQuery.builder().from(afterAnHour).build())
                .items()).extracting(AuditEventView::type).doesNotContain("tenant.created").isNotEmpty();
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.audit().tenantEvents(owner, tenant,
                AuditQuery.builder().from(afterAnHour).to(afterAnHour).build()));
        var refusal = refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.audit().tenantEvents(owner, tenant,
                AuditQuery.builder().type("membership.joined").type("gizmo.frobbed").build()));
        assertThat(refusal).hasMessageContaining("gizmo.frobbed");
    }

    @Test
    void pages_go_on_by_cursor_and_bad_page_requests_are_refused() {
        int total = t.kit.audit().platformEvents(admin, query(Set.of(), 200, null)).items().size();
        assertThat(total).isGreaterThan(5);

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<AuditEventView> page = t.kit.audit().platformEvents(admin, query(Set.of(), 2, cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((total + 1) / 2);
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.audit().platformEvents(admin, query(Set.of(), 0, null)));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.audit().platformEvents(admin, query(Set.of(), 201, null)));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.audit().platformEvents(admin, query(Set.of(), null, "not-ours")));
        assertThat(t.kit.audit().platformEvents(admin, AuditQuery.all()).items()).hasSize(Math.min(total, 50));
    }
}
