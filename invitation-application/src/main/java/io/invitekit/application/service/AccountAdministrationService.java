package io.invitekit.application.service;

import io.invitekit.application.port.in.AccountAdministrationUseCase;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import java.time.Instant;
import java.util.Map;

/** The operator's account commands (the admin command line), with the rules of the rest of the accounts. */
public final class AccountAdministrationService implements AccountAdministrationUseCase {
    private final ServiceContext context;
    private final Transactions transactions;
    private final Accounts accounts;
    private final Credentials credentials;
    private final SessionTokens tokens;
    private final PasswordResets resets;
    private final Outbox outbox;

    public AccountAdministrationService(ServiceContext context, Transactions transactions, Accounts accounts,
                                        PasswordHasher hasher, SessionTokens tokens, PasswordResets resets, Outbox outbox) {
        this.context = context;
        this.transactions = transactions;
        this.accounts = accounts;
        this.credentials = new Credentials(hasher, tokens, context.random());
        this.tokens = tokens;
        this.resets = resets;
        this.outbox = outbox;
    }

    @Override
    public OperatorPassword setPassword(String email, String password) {
        FieldErrors in = new FieldErrors();
        EmailAddress address = in.required("email", email, EmailAddress::of);
        in.throwIfAny();
        Account account = accounts.byEmail(address)
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no account has the email " + address));
        String generated = generatedUnlessGiven(password);
        Password chosen = in.required("password", generated != null ? generated : password,
                raw -> Password.forAccount(raw, address));
        in.throwIfAny();
        PasswordHash hash = credentials.hash(chosen); // the slow part, before the transaction
        Instant now = context.now();
        transactions.run(() -> {
            if (!accounts.changePassword(account.id(), hash)) {
                throw new RuleViolationException(ErrorCode.NOT_FOUND, "no account has the email " + address);
            }
            // As after a reset: whoever held a session, or a reset link, no longer gets in with it.
            tokens.revokeAll(account.id());
            resets.supersedeUnused(account.id(), now);
            outbox.withdraw(PasswordResetMail.KIND + ":" + account.id());
            context.audit(now, null, EventType.ACCOUNT_PASSWORD_SET_BY_OPERATOR, null, account.id(), Map.of());
        });
        return new OperatorPassword(address.value(), generated);
    }

    @Override
    public OperatorPassword createPlatformAdmin(String email, String password) {
        FieldErrors in = new FieldErrors();
        EmailAddress address = in.required("email", email, EmailAddress::of);
        in.throwIfAny();
        String generated = generatedUnlessGiven(password);
        Password chosen = in.required("password", generated != null ? generated : password,
                raw -> Password.forAccount(raw, address));
        in.throwIfAny();
        if (accounts.byEmail(address).isPresent()) { // before hashing; the store refuses a race all the same
            throw new RuleViolationException(ErrorCode.EMAIL_TAKEN, "an account has the email " + address + " already");
        }
        Instant now = context.now();
        Account admin = new Account(new UserId(context.ids().next()), address, credentials.hash(chosen),
                Name.of("Platform"), Name.of("Admin"), PlatformRole.PLATFORM_ADMIN, now,
                now); // the operator vouches for the address, as for the first admin
        transactions.run(() -> {
            accounts.add(admin);
            context.audit(now, null, EventType.ACCOUNT_PLATFORM_ADMIN_CREATED, null, admin.id(), Map.of("by", "operator"));
        });
        return new OperatorPassword(address.value(), generated);
    }

    private String generatedUnlessGiven(String password) {
        return password == null ? SecretToken.generate(context.random()).reveal() : null;
    }
}
