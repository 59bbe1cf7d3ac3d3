package io.invitekit.adapter.jdbi.race;

import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static io.invitekit.adapter.jdbi.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.MemberAcceptResult;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members' races with real threads against a real database, through {@code MemberService} as an
 * embedder builds it: one membership per accepted invitation, seats never over the limit, and a
 * tenant never without an OWNER.
 */
public abstract class MemberRaces {
    private static final String PASSWORD = "a long enough password";

    protected abstract TestDatabase database();

    private Invitekit kit;

    @BeforeEach
    void assemble() {
        kit = Invitekit.builder()
                .storage(database().storage())
                .mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .build();
    }

    private Actor user(String email) {
        return Actor.user(kit.accounts().signup(NewAccount.email(email).password(PASSWORD).name("Ada", "Lovelace"))
                .signedIn().user().id());
    }

    private String tokenOf(MemberInvitationView invitation) {
        return database().storage().outbox().claimDue("test-" + unique("c"), java.time.Instant.now().plusSeconds(3600),
                java.time.Duration.ofMinutes(5), 1_000).stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .map(OutboxMessage::secret).findFirst().orElseThrow();
    }

    private long owners(TenantId tenant) {
        return database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ? AND role = 'OWNER'",
                tenant.value());
    }

    /** A tenant with two OWNERs: ownership moves only by transfer, so the second is made in the store. */
    private Actor[] twoOwners(TenantId tenant, Actor first) {
        String email = unique("second") + "@example.com";
        Actor second = user(email);
        MemberInvitationView inv = kit.members().invite(first, tenant, NewMemberInvitation.to(email).role(Role.ADMIN));
        kit.members().accept(VerifiedUser.of(second.id(), email), tokenOf(inv), null);
        database().storage().transactions().run(() ->
                database().storage().memberships().changeRole(tenant, second.id(), Role.ADMIN, Role.OWNER));
        assertThat(owners(tenant)).isEqualTo(2);
        return new Actor[] {first, second};
    }

    @Test
    void of_32_sign_ups_through_one_member_invitation_exactly_one_becomes_a_member() throws Exception {
        Actor owner = user(unique("owner") + "@example.com");
        TenantId tenant = kit.tenants().create(owner, NewTenant.named("Race Family")).id();
        String email = unique("kim") + "@example.com";
        String token = tokenOf(kit.members().invite(owner, tenant, NewMemberInvitation.to(email).role(Role.ADMIN)));

        List<Outcome<MemberAcceptResult>> outcomes = Concurrently.run(32, i -> kit.accounts().acceptMemberInvitation(
                token, OwnerCredentials.password(PASSWORD).name("Kim", "Racer"), "10.1.0." + i));

        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).allSatisfy(o -> assertThat(o.failure())
                .isInstanceOfSatisfying(DomainException.class, refused -> assertThat(refused.code())
                        // A loser that comes after the winner's account exists gives its password to that
                        // account, and such attempts spend the email's log-in allowance (10 in 15 min).
                        .isIn(ErrorCode.INVITATION_ACCEPTED, ErrorCode.INVALID_CREDENTIALS, ErrorCode.RATE_LIMITED)));
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ?", tenant.value()))
                .isEqualTo(2);
        assertThat(database().count("SELECT count(*) FROM invitekit_accounts WHERE email = ?", email)).isEqualTo(1);
        assertThat(database().count("SELECT member_count FROM invitekit_tenants WHERE id = ?", tenant.value())).isEqualTo(2);
        assertThat(database().count("SELECT pending_invitations FROM invitekit_tenants WHERE id = ?", tenant.value()))
                .isZero();
    }

    @Test
    void joins_by_code_racing_pending_invitations_never_pass_the_user_limit() throws Exception {
        Actor owner = user(unique("owner") + "@example.com");
        TenantId tenant = kit.tenants().create(owner, NewTenant.named("Seat Family")).id(); // FREE: 6 users
        for (int i = 0; i < 3; i++) {
            kit.members().invite(owner, tenant, NewMemberInvitation.to(unique("guest") + "@example.com"));
        }
        String code = kit.joinCodes().view(owner, tenant).code();
        List<Actor> joiners = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            joiners.add(user(unique("joiner") + "@example.com"));
        }

        List<Outcome<Object>> outcomes = Concurrently.run(32, i -> kit.joinCodes().join(joiners.get(i),
                JoinWithCode.code(code).from("10.2.0." + i)));

        assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(2);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).allSatisfy(o -> assertThat(o.failure())
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.TENANT_FULL)));
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ?", tenant.value()))
                .isEqualTo(3);
    }

    @Test
    void two_owners_demoting_each_other_at_once_leave_one_owner() throws Exception {
        for (int round = 0; round < 10; round++) {
            Actor first = user(unique("first") + "@example.com");
            TenantId tenant = kit.tenants().create(first, NewTenant.named("Twin Owners")).id();
            Actor[] owners = twoOwners(tenant, first);

            List<Outcome<Object>> outcomes = Concurrently.run(2, i -> kit.members().changeRole(owners[i], tenant,
                    owners[1 - i].id(), Role.ADMIN));

            assertThat(owners(tenant)).isEqualTo(1);
            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(database().count("SELECT owner_count FROM invitekit_tenants WHERE id = ?", tenant.value()))
                    .isEqualTo(1);
        }
    }

    @Test
    void two_owners_leaving_at_once_leave_one_owner() throws Exception {
        for (int round = 0; round < 10; round++) {
            Actor first = user(unique("first") + "@example.com");
            TenantId tenant = kit.tenants().create(first, NewTenant.named("Leaving Owners")).id();
            Actor[] owners = twoOwners(tenant, first);

            List<Outcome<Object>> outcomes = Concurrently.run(2, i -> {
                kit.members().leave(owners[i], tenant);
                return "left";
            });

            assertThat(owners(tenant)).isEqualTo(1);
            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> assertThat(o.failure())
                    .isInstanceOfSatisfying(DomainException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.LAST_OWNER)));
        }
    }
}
