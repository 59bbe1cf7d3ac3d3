package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.TestKit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The owner's session is issued in the accept's (and a sign-up's) transaction: when it cannot be written, the
 * accept is answered with the error and did not happen; a retry of the same accept succeeds. An
 * accept is never answered with an error after it committed.
 */
class AcceptIsAllOrNothingTest {
    private final FailingSessions sessions = new FailingSessions();
    private final TestKit t = new TestKit(s -> s, (builder, storage) -> {
        sessions.delegate = storage.sessions();
        InvitekitSettings defaults = InvitekitSettings.defaults();
        // The same tokens the builder would make, over sessions that can be told to fail.
        return builder.sessionTokens(new OpaqueSessionTokens(sessions, new ManualClock(TestKit.START), new Random(5),
                defaults.accessTokenTtl(), defaults.refreshTokenTtl()));
    });
    private final Actor admin = t.admin();

    @Test
    void aSessionThatCannotBeWrittenUndoesTheWholeAcceptAndARetrySucceeds() {
        InvitationView inv = t.kit.invitations().create(admin,
                TestKit.invitation("owner@example.org").reserveSubdomain("bright"));
        String token = t.tokenOf(inv);
        long auditBefore = t.storage.auditLog().events().size();
        sessions.failNextAdd();

        assertThatThrownBy(() -> t.accept(token, "bright-bakery"))
                .isInstanceOf(StoreUnavailableException.class);

        InvitationView after = t.kit.invitations().get(admin, inv.id());
        assertThat(after.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(after.createdTenantId()).isNull();
        assertThat(t.storedTenants()).isEmpty();
        assertThat(t.storage.accounts().byEmail(EmailAddress.of("owner@example.org"))).isEmpty();
        assertThat(sessions.written).as("the session written before the failure is undone too").isNotNull();
        assertThat(t.storage.sessions().byAccessDigest(sessions.written.accessDigest())).isEmpty();
        assertThat(t.kit.subdomains().check("bright-bakery").available()).as("the chosen subdomain is free again").isTrue();
        assertThat(t.kit.subdomains().check("bright").reason()).as("the reservation still holds").isEqualTo(Refusal.TAKEN);
        assertThat(t.storage.auditLog().events()).hasSize((int) auditBefore);

        AcceptResult retried = t.accept(token, "bright-bakery");

        assertThat(retried.tenant().subdomain()).isEqualTo("bright-bakery");
        UserId owner = t.kit.accounts().authenticate(retried.auth().accessToken()).orElseThrow().id();
        assertThat(t.storage.memberships().ofUser(owner)).singleElement()
                .satisfies(m -> assertThat(m.tenantId()).isEqualTo(retried.tenant().id()));
        assertThat(t.kit.invitations().get(admin, inv.id()).status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(t.storedTenants()).hasSize(1);
    }

    @Test
    void anExistingAccountGetsNoMembershipWhenItsSessionCannotBeWritten() {
        UserId existing = t.user("owner@example.org").id();
        InvitationView inv = t.invite(admin, "owner@example.org");
        AcceptInvitation.Builder acceptance = AcceptInvitation.token(t.tokenOf(inv)).businessName("Bright").subdomain("bright");
        OwnerCredentials password = OwnerCredentials.password(TestKit.PASSWORD);
        sessions.failNextAdd();

        assertThatThrownBy(() -> t.kit.accounts().acceptInvitation(acceptance, password))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(t.storage.memberships().ofUser(existing)).isEmpty();
        assertThat(t.storedTenants()).isEmpty();
        assertThat(t.kit.invitations().get(admin, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);

        AcceptResult retried = t.kit.accounts().acceptInvitation(acceptance, password);

        assertThat(retried.auth().user().id()).isEqualTo(existing);
        assertThat(t.storage.memberships().ofUser(existing)).hasSize(1);
    }

    @Test
    void aSignUpWhoseSessionCannotBeWrittenLeavesNoAccountAndARetrySucceeds() {
        sessions.failNextAdd();

        assertThatThrownBy(() -> t.signup("new@example.org")).isInstanceOf(StoreUnavailableException.class);

        assertThat(t.storage.accounts().byEmail(EmailAddress.of("new@example.org"))).isEmpty();
        assertThat(t.storage.sessions().byAccessDigest(sessions.written.accessDigest())).isEmpty();
        UserId user = t.kit.accounts().authenticate(t.signup("new@example.org").accessToken()).orElseThrow().id();
        assertThat(t.storage.accounts().byEmail(EmailAddress.of("new@example.org")))
                .hasValueSatisfying(account -> assertThat(account.id()).isEqualTo(user));
    }

    /** Sessions that, when told to, write the session and then fail as a dying connection would. */
    private static final class FailingSessions implements Sessions {
        private final AtomicBoolean failNext = new AtomicBoolean();
        volatile Sessions delegate;
        volatile Session written;

        void failNextAdd() {
            failNext.set(true);
        }

        @Override
        public void add(Session session) {
            delegate.add(session);
            if (failNext.getAndSet(false)) {
                written = session;
                throw new StoreUnavailableException("simulated: the connection died after the session was written", null);
            }
        }

        @Override
        public Optional<Session> byAccessDigest(TokenDigest digest) {
            return delegate.byAccessDigest(digest);
        }

        @Override
        public Optional<Session> byRefreshDigest(TokenDigest digest) {
            return delegate.byRefreshDigest(digest);
        }

        @Override
        public boolean rotate(TokenDigest expectedRefresh, Session next) {
            return delegate.rotate(expectedRefresh, next);
        }

        @Override
        public Optional<SessionId> familyOfRetired(TokenDigest refreshDigest) {
            return delegate.familyOfRetired(refreshDigest);
        }

        @Override
        public void remove(SessionId id) {
            delegate.remove(id);
        }

        @Override
        public int removeAllOf(io.invitekit.domain.account.UserId user) {
            return delegate.removeAllOf(user);
        }

        @Override
        public boolean touch(SessionId id, java.time.Instant usedAt) {
            return delegate.touch(id, usedAt);
        }

        @Override
        public java.util.List<Session> allOf(io.invitekit.domain.account.UserId user) {
            return delegate.allOf(user);
        }

        @Override
        public boolean removeOf(io.invitekit.domain.account.UserId user, SessionId id) {
            return delegate.removeOf(user, id);
        }

        @Override
        public int removeAllOfExcept(io.invitekit.domain.account.UserId user, SessionId keep) {
            return delegate.removeAllOfExcept(user, keep);
        }
    }
}
