package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.application.service.OpaqueSessionTokens;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, an accept is answered 201 exactly when it happened: when the owner's session cannot
 * be written, the answer is an error and nothing was committed, and the same request again is 201.
 */
class AcceptAtomicityApiTest {
    private final FailingSessions sessions = new FailingSessions();
    private final ApiServer api = new ApiServer(http -> http, builder -> builder.sessionTokens(new OpaqueSessionTokens(
            sessions, new ManualClock(Instant.parse("2026-11-21T09:00:00Z")), new Random(3),
            InvitekitSettings.defaults().accessTokenTtl(), InvitekitSettings.defaults().refreshTokenTtl())));

    {
        sessions.delegate = api.storage.sessions(); // the application's own sessions, in its transactions
    }

    private final String admin = api.adminToken();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAcceptWhoseSessionCannotBeWrittenIsAnErrorThatLeftNothingAndTheSameRequestThenSucceeds() {
        String id = api.post("/api/platform/tenant-invitations", admin, Map.of("email", "owner@example.org",
                "reserved_subdomain", "bright")).json().path("id").asText();
        String token = api.tokenOf(id);
        Map<String, Object> body = new HashMap<>(Map.of("password", ApiServer.PASSWORD, "first_name", "Grace",
                "last_name", "Hopper", "business_name", "Bright Bakery", "subdomain", "bright-bakery"));
        sessions.failNextAdd();

        Reply failed = api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, body);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("store_unavailable");
        assertThat(failed.body()).doesNotContain("access_token");
        Reply invitation = api.get("/api/platform/tenant-invitations/" + id, admin);
        assertThat(invitation.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(invitation.json().path("created_tenant_id").isNull()).isTrue();
        assertThat(api.get("/api/platform/tenant-invitations/token/" + token, null).status()).isEqualTo(200);
        assertThat(api.get("/api/platform/subdomains/bright-bakery/availability", null).json().path("available")
                .asBoolean()).isTrue();
        assertThat(api.get("/api/platform/tenants", admin).json().path("items").size()).isZero();

        Reply retried = api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, body);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("tenant").path("subdomain").asText()).isEqualTo("bright-bakery");
        Reply me = api.get("/api/me", retried.json().path("access_token").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("memberships").get(0).path("role").asText()).isEqualTo("OWNER");
        assertThat(api.get("/api/platform/tenant-invitations/" + id, admin).json().path("status").asText())
                .isEqualTo("ACCEPTED");
    }

    /** Sessions that, when told to, write the session and then fail as a dying connection would. */
    private static final class FailingSessions implements Sessions {
        private final AtomicBoolean failNext = new AtomicBoolean();
        volatile Sessions delegate;

        void failNextAdd() {
            failNext.set(true);
        }

        @Override
        public void add(Session session) {
            delegate.add(session);
            if (failNext.getAndSet(false)) {
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
