package io.invitekit.application.service;

import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.BrowserSignIn;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.NewName;
import io.invitekit.application.port.in.PasswordChange;
import io.invitekit.application.port.in.SessionUseCase;
import io.invitekit.application.port.in.SessionView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.IssuedBrowserSession;
import io.invitekit.application.port.out.LiveSession;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions for the pages, the sessions a user sees and ends, and a signed-in user's changes to
 * their own account. A log-in for the pages is a log-in ({@link AccountUseCase#login}, so every
 * rule of log-ins applies to it unchanged) whose API session is traded at once for a browser one.
 */
public final class SessionService implements SessionUseCase {
    private final ServiceContext context;
    private final Transactions transactions;
    private final Accounts accounts;
    private final SessionTokens tokens;
    private final Credentials credentials;
    private final RequestLimits limits;
    private final AccountUseCase logIns;

    public SessionService(ServiceContext context, Transactions transactions, Accounts accounts, PasswordHasher hasher,
                          SessionTokens tokens, RequestLimits limits, AccountUseCase logIns) {
        this.context = context;
        this.transactions = transactions;
        this.accounts = accounts;
        this.tokens = tokens;
        this.credentials = new Credentials(hasher, tokens, context.random());
        this.limits = limits;
        this.logIns = logIns;
    }

    @Override
    public BrowserSignIn logIn(LogIn attempt) {
        AuthResult signedIn = logIns.login(attempt);
        return exchange(signedIn.accessToken(), attempt.origin());
    }

    @Override
    public BrowserSignIn exchange(String accessToken, SessionOrigin origin) {
        SessionTokens.SignedIn signedIn = tokens.authenticate(accessToken, SessionKind.API, accounts)
                .filter(found -> context.maySignIn(found.account())).orElseThrow(SessionService::tokenRefused);
        LiveSession live = signedIn.session();
        Account account = signedIn.account();
        IssuedBrowserSession opened = transactions.inTransaction(() -> {
            // Of two exchanges of one token, one ends its session; the other finds it gone.
            if (!tokens.revoke(live.user(), live.id())) {
                throw tokenRefused();
            }
            return tokens.openBrowserSession(account.id(), origin);
        });
        return new BrowserSignIn(UserView.of(account), opened.token(), opened.maxAge());
    }

    @Override
    public void logOut(String browserToken) {
        if (browserToken != null) {
            tokens.endBrowserSession(browserToken);
        }
    }

    @Override
    public Optional<CurrentSession> authenticate(String token, SessionKind kind) {
        return tokens.authenticate(token, kind, accounts).filter(signedIn -> context.maySignIn(signedIn.account()))
                .map(signedIn -> new CurrentSession(new Actor(signedIn.account().id(), signedIn.account().platformRole()),
                        signedIn.session().id()));
    }

    @Override
    public List<SessionView> sessions(CurrentSession me) {
        CurrentSession caller = require(me);
        return tokens.sessionsOf(caller.actor().id()).stream()
                .map(s -> new SessionView(s.id(), s.kind(), s.createdAt(), s.lastUsedAt(), s.origin().clientAddress(),
                        s.origin().userAgent(), s.id().equals(caller.id())))
                .toList();
    }

    @Override
    public void revoke(CurrentSession me, SessionId id) {
        CurrentSession caller = require(me);
        if (id == null || !tokens.revoke(caller.actor().id(), id)) {
            throw new RuleViolationException(ErrorCode.SESSION_NOT_FOUND, "no such session of yours");
        }
    }

    @Override
    public int revokeOthers(CurrentSession me) {
        CurrentSession caller = require(me);
        return tokens.revokeAllBut(caller.actor().id(), caller.id());
    }

    @Override
    public void changePassword(CurrentSession me, PasswordChange.Builder change) {
        Account account = requireAccount(me);
        PasswordChange command = change.build(account.email());
        // One guessing budget: a current password tried here spends the log-in allowances.
        limits.login(change.clientAddress(), account.email().value());
        try {
            credentials.requirePassword(account, command.current());
        } catch (RuleViolationException wrong) {
            throw new RuleViolationException(ErrorCode.WRONG_CURRENT_PASSWORD, "the current password is wrong");
        }
        // The slow part (password hashing) happens before the transaction, never inside it.
        PasswordHash hash = credentials.hash(command.next());
        Instant now = context.now();
        transactions.run(() -> {
            // Checked before the transaction: if the password changed meanwhile (a reset, which
            // also ended this session), this change must not overwrite it.
            if (!accounts.lockCredentials(account.id()).map(account.passwordHash()::equals).orElse(false)
                    || !accounts.changePassword(account.id(), hash)) {
                throw Access.unauthenticated();
            }
            // Whoever else held a session (maybe whoever learned the old password) is signed out.
            int ended = tokens.revokeAllBut(account.id(), me.id());
            context.audit(now, account.id(), EventType.ACCOUNT_PASSWORD_CHANGED, null, account.id(),
                    Map.of("ended_sessions", Integer.toString(ended)));
        });
    }

    @Override
    public MeView rename(CurrentSession me, NewName.Builder name) {
        Account account = requireAccount(me);
        NewName command = name.build();
        Instant now = context.now();
        transactions.run(() -> {
            if (!accounts.rename(account.id(), command.firstName(), command.lastName())) {
                throw Access.unauthenticated();
            }
            context.audit(now, account.id(), EventType.ACCOUNT_RENAMED, null, account.id(), Map.of());
        });
        return logIns.me(me.actor());
    }

    private static CurrentSession require(CurrentSession me) {
        if (me == null) {
            throw Access.unauthenticated();
        }
        return me;
    }

    private Account requireAccount(CurrentSession me) {
        return accounts.byId(require(me).actor().id()).orElseThrow(Access::unauthenticated);
    }

    private static RuleViolationException tokenRefused() {
        return new RuleViolationException(ErrorCode.UNAUTHENTICATED, "the access token is unknown or expired");
    }
}
