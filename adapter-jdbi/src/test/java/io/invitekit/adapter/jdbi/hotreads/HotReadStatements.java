package io.invitekit.adapter.jdbi.hotreads;

import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static io.invitekit.adapter.jdbi.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.MemberInvitationPreview;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot reads, counted in SQL statements on the store's connections, through the use cases as
 * the HTTP adapter calls them: a tenant invitation's and a member invitation's preview, the
 * authentication of a request, {@code /api/me}, and a member joining again with the code.
 */
public abstract class HotReadStatements {
    private static final String PASSWORD = "a long enough password";

    protected abstract TestDatabase database();

    private CountingDataSource counted;
    private Storage storage;
    private Invitekit kit;

    @BeforeEach
    void assemble() {
        counted = new CountingDataSource(database().dataSource());
        storage = JdbiStorage.create(counted.dataSource());
        kit = Invitekit.builder()
                .storage(storage)
                .mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .build();
    }

    private AuthResult signUp(String email) {
        return kit.accounts().signup(NewAccount.email(email).password(PASSWORD).name("Olga", "Owner")).session()
                .orElseThrow();
    }

    private String tokenOf(String aggregateId) {
        return storage.outbox().claimDue("test-" + unique("c"), Instant.now().plusSeconds(3600), Duration.ofMinutes(5), 1_000)
                .stream().filter(m -> aggregateId.equals(m.aggregateId())).map(OutboxMessage::secret).findFirst().orElseThrow();
    }

    @Test
    void authenticating_a_request_is_one_statement() {
        AuthResult signedIn = signUp(unique("ada") + "@example.com");
        counted.take();

        Optional<CurrentSession> session = kit.sessions().authenticate(signedIn.accessToken(), SessionKind.API);

        assertThat(session).map(s -> s.actor().id()).contains(signedIn.user().id());
        assertThat(counted.take()).isEqualTo(1);
        assertThat(kit.sessions().authenticate("not-a-token-of-ours", SessionKind.API)).isEmpty();
        assertThat(kit.sessions().authenticate(signedIn.accessToken(), SessionKind.BROWSER)).isEmpty();
    }

    @Test
    void a_tenant_invitation_preview_is_one_statement_and_shows_the_inviter_name_stored_at_creation() {
        kit.accounts().createFirstPlatformAdmin("admin@example.com", "admin password 1");
        Actor admin = Actor.platformAdmin(kit.accounts().login(LogIn.with("admin@example.com", "admin password 1"))
                .user().id());
        String invited = unique("owner") + "@example.com";
        String id = kit.invitations().create(admin, NewTenantInvitation.to(invited).businessName("Bright Bakery")).id()
                .toString();
        String nameAtCreation = storage.accounts().byId(admin.id()).orElseThrow().displayName();
        storage.accounts().rename(admin.id(), new Name("Renamed"), new Name("Later"));
        String token = tokenOf(id);
        counted.take();

        InvitationPreview preview = kit.acceptance().preview(token, "10.0.0.1");

        assertThat(counted.take()).isEqualTo(1);
        assertThat(preview.email()).isEqualTo(invited);
        assertThat(preview.inviterName()).isEqualTo(nameAtCreation).isNotEqualTo("Renamed Later");
    }

    @Test
    void a_member_invitation_preview_is_one_statement_with_the_tenant_name_and_the_stored_inviter_name() {
        AuthResult owner = signUp(unique("owner") + "@example.com");
        Actor actor = Actor.user(owner.user().id());
        TenantId tenant = kit.tenants().create(actor, NewTenant.named("Preview Family")).id();
        String id = kit.members().invite(actor, tenant, NewMemberInvitation.to(unique("kim") + "@example.com")).id()
                .toString();
        storage.accounts().rename(actor.id(), new Name("Renamed"), new Name("Later"));
        String token = tokenOf(id);
        counted.take();

        MemberInvitationPreview preview = kit.members().preview(token, "10.0.0.2");

        assertThat(counted.take()).isEqualTo(1);
        assertThat(preview.tenantName()).isEqualTo("Preview Family");
        assertThat(preview.inviterName()).isEqualTo("Olga Owner");
    }

    @Test
    void a_member_joining_again_with_the_code_is_one_statement() {
        AuthResult owner = signUp(unique("owner") + "@example.com");
        Actor actor = Actor.user(owner.user().id());
        TenantId tenant = kit.tenants().create(actor, NewTenant.named("Join Family")).id();
        String code = kit.joinCodes().view(actor, tenant).code();
        counted.take();

        JoinResult again = kit.joinCodes().join(actor, JoinWithCode.code(code).from("10.0.0.3"));

        assertThat(counted.take()).isEqualTo(1);
        assertThat(again.alreadyMember()).isTrue();
        assertThat(again.tenantName()).isEqualTo("Join Family");
    }

    /**
     * {@code /api/me}: the request's authentication (one statement), then the account and the
     * first page of memberships joined to their tenants (two more).
     */
    @Test
    void me_is_its_authentication_and_two_reads() {
        AuthResult owner = signUp(unique("owner") + "@example.com");
        Actor actor = Actor.user(owner.user().id());
        kit.tenants().create(actor, NewTenant.named("Me Family"));
        counted.take();

        CurrentSession session = kit.sessions().authenticate(owner.accessToken(), SessionKind.API).orElseThrow();
        int authentication = counted.take();
        MeView me = kit.accounts().me(session.actor());

        assertThat(authentication).isEqualTo(1);
        assertThat(counted.take()).isEqualTo(2);
        assertThat(me.memberships()).singleElement().satisfies(m -> assertThat(m.tenantName()).isEqualTo("Me Family"));
    }
}
